using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Model;

namespace Groundwork.QboEmulator.Api;

/// <summary>Maps Intuit's URL shapes under <c>/v3/company/{realmId}/</c> to operations; runs under the company lock.</summary>
internal sealed class ApiRouter(EntityService entities, QueryEngine queries, CdcHandler cdc, BatchHandler batch, TaxService taxService, EmulatorClock clock)
{
    public ApiOutcome Route(OpContext ctx, ApiRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        var head = segments[0].ToLowerInvariant();
        var isPost = request.Method == "POST";
        return (head, segments.Length, isPost) switch
        {
            ("query", 1, _) => new ApiOutcome(200, new JsonObject
            {
                ["QueryResponse"] = queries.Run(ctx, (isPost ? request.Body : request.Query["query"].ToString()) ?? ""),
                ["time"] = clock.ResponseTime(),
            }),
            ("cdc", 1, false) => new ApiOutcome(200, new JsonObject { ["CDCResponse"] = cdc.Run(ctx, request), ["time"] = clock.ResponseTime() }),
            ("batch", 1, true) => new ApiOutcome(200, new JsonObject { ["BatchItemResponse"] = batch.Run(ctx, request), ["time"] = clock.ResponseTime() }),
            ("taxservice", 2, true) when segments[1].Equals("taxcode", StringComparison.OrdinalIgnoreCase) =>
                new ApiOutcome(200, taxService.Create(ctx, request.JsonBody())),
            ("companyinfo", 2, false) => Single(ctx, "CompanyInfo"),
            ("preferences", 1, false) => Single(ctx, "Preferences"),
            (_, 1, true) when EntityCatalog.Find(head) is { } def => Ok(def, Write(ctx, def, request)),
            (_, 2, false) when EntityCatalog.Find(head) is { Kind: not EntityKind.Singleton } def => Ok(def, EntityService.Read(ctx, def, segments[1])),
            _ => throw Faults.UnsupportedOperation(
                $"Operation Could not find resource for relative : /v3/company/{ctx.Company.RealmId}/{request.Path} of full path: {request.FullUrl} is not supported."),
        };
    }

    public JsonObject Write(OpContext ctx, EntityDef def, ApiRequest request)
    {
        var body = request.JsonBody();
        return request.Operation switch
        {
            "delete" => entities.Delete(ctx, def, body),
            "void" => entities.Void(ctx, def, body),
            "update" => entities.Update(ctx, def, body, request.Include.Contains("void", StringComparison.Ordinal)),
            null or "create" when body["Id"] is null => entities.Create(ctx, def, body),
            null => entities.Update(ctx, def, body, request.Include.Contains("void", StringComparison.Ordinal)),
            var op => throw Faults.UnsupportedOperation($"Operation {op} is not supported."),
        };
    }

    private ApiOutcome Ok(EntityDef def, JsonObject doc) => ApiOutcome.Ok(def.Name, doc, clock);

    private ApiOutcome Single(OpContext ctx, string entity) =>
        ApiOutcome.Ok(entity, (ctx.Company.All(entity).FirstOrDefault() ?? throw Faults.ObjectNotFound()).Public(), clock);
}
