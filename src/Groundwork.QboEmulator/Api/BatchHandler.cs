using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Model;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Api;

/// <summary>
/// <c>/batch</c>: up to 30 items run in order, each succeeding or failing on its own; objects created by earlier
/// items stay invisible to later ones, as at Intuit.
/// </summary>
internal sealed class BatchHandler(EntityService entities, QueryEngine queries, IOptions<QboEmulatorOptions> options)
{
    private static readonly string[] Operations = ["create", "update", "delete"];

    public JsonArray Run(OpContext outer, ApiRequest request)
    {
        var items = request.JsonBody().Arr("BatchItemRequest") ?? throw Faults.Required("BatchItemRequest");
        var max = options.Value.Limits.BatchItems;
        if (items.Count > max)
        {
            throw Faults.BatchTooLarge(max);
        }

        var ctx = new OpContext(outer.Company, outer.Now, outer.Today) { HideCreations = true, AllowDuplicateDocNumber = outer.AllowDuplicateDocNumber };
        var results = new JsonArray();
        foreach (var item in items)
        {
            var itemObject = item as JsonObject ?? throw Faults.Unsupported("BatchItemRequest");
            var result = new JsonObject { ["bId"] = itemObject.Str("bId") };
            try
            {
                var (name, node) = Execute(ctx, itemObject);
                result[name] = node;
            }
            catch (QboException fault)
            {
                result["Fault"] = fault.ToFault();
            }

            results.Add(result);
        }

        return results;
    }

    private (string Name, JsonNode Node) Execute(OpContext ctx, JsonObject item)
    {
        if (item.Str("bId") is null)
        {
            throw Faults.Required("bId");
        }

        if (item.Str("Query") is { } query)
        {
            return ("QueryResponse", queries.Run(ctx, query));
        }

        var operation = item.Str("operation")?.ToLowerInvariant() ?? throw Faults.Required("operation");
        if (!Operations.Contains(operation))
        {
            throw Faults.V("2170", "Invalid Enumeration", $"Invalid Enumeration : {operation}", "operation");
        }

        var (def, body) = item.Where(p => EntityCatalog.Find(p.Key) is not null && p.Value is JsonObject)
            .Select(p => (EntityCatalog.Get(p.Key), (JsonObject)p.Value!)).FirstOrDefault();
        if (def is null)
        {
            throw Faults.Unsupported("BatchItemRequest entity");
        }

        var voiding = item.Str("optionsData")?.Contains("void", StringComparison.OrdinalIgnoreCase) == true;
        var doc = operation switch
        {
            "create" => entities.Create(ctx, def, body),
            "delete" => entities.Delete(ctx, def, body),
            _ => voiding ? entities.Void(ctx, def, body) : entities.Update(ctx, def, body, voidRequested: false),
        };
        return (def.Name, doc);
    }
}
