using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Model;

namespace Groundwork.QboEmulator.Api;

/// <summary>Change data capture: changes since a time within the last 30 days, at most 1,000 objects, deletions as status Deleted.</summary>
internal sealed class CdcHandler
{
    private const int MaxObjects = 1000;
    private static readonly HashSet<string> Unsupported = new(StringComparer.OrdinalIgnoreCase) { "TaxAgency", "TaxCode", "TaxRate", "JournalCode", "TimeActivity" };

    public JsonArray Run(OpContext ctx, ApiRequest request)
    {
        var names = request.Query["entities"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw Faults.Required("entities");
        }

        var since = Since(ctx, request.Query["changedSince"].ToString());
        var budget = MaxObjects;
        var responses = new JsonArray();
        foreach (var name in names)
        {
            var def = EntityCatalog.Find(name);
            if (def is null || Unsupported.Contains(name) || def.Kind == EntityKind.Singleton && def.Name != "Preferences")
            {
                throw Faults.V("2010", "Request has invalid or unsupported property", $"Property Name:entities={name} specified is unsupported or invalid", "entities");
            }

            var changed = ctx.All(def.Name).Where(d => Stamp.Updated(d) >= since).OrderBy(Stamp.Updated).Select(d => (JsonNode)d.Public())
                .Concat(ctx.Company.Tombstones.Where(t => t.Entity == def.Name && t.DeletedAt >= since).Select(Deleted))
                .Take(budget).ToArray();
            budget -= changed.Length;
            responses.Add(changed.Length == 0 ? new JsonObject() : new JsonObject
            {
                [def.Name] = new JsonArray(changed), ["startPosition"] = 1, ["maxResults"] = changed.Length, ["totalCount"] = changed.Length,
            });
        }

        return [new JsonObject { ["QueryResponse"] = responses }];
    }

    private static DateTimeOffset Since(OpContext ctx, string text)
    {
        if (text.Length == 0)
        {
            throw Faults.Required("changedSince");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
        {
            throw Faults.V("2010", "Request has invalid or unsupported property", $"Property Name:changedSince={text} specified is unsupported or invalid", "changedSince");
        }

        if (since < ctx.Now.AddDays(-30))
        {
            // Intuit's wording as reported in Wish-Org/QuickBooksSharp#19; the code is taken from the "Operation … is not supported" family.
            throw Faults.UnsupportedOperation($"Operation cdc with changedSince date {text} which is older than fixed days is not supported.");
        }

        return since;
    }

    private static JsonObject Deleted(Store.Tombstone tomb) => new()
    {
        ["domain"] = "QBO", ["status"] = "Deleted", ["Id"] = tomb.Id,
        ["MetaData"] = new JsonObject { ["LastUpdatedTime"] = EmulatorClock.MetaTime(tomb.DeletedAt) },
    };
}
