using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Preferences: class tracking per transaction and per line are mutually exclusive (API.md §3.7).</summary>
internal static class SingletonRules
{
    /// <summary>Read-only preference groups (API.md §3.10): an API update leaves them as they were, silently, as QBO does.</summary>
    private static readonly string[] ReadOnlyGroups = ["TaxPrefs", "CurrencyPrefs"];

    public static void Normalize(OpContext ctx, EntityDef def, JsonObject doc, JsonObject? existing)
    {
        if (def.Name != "Preferences")
        {
            return;
        }

        if (existing is not null && !ctx.QuickBooksSide)
        {
            foreach (var group in ReadOnlyGroups)
            {
                if (existing[group] is { } kept)
                {
                    doc[group] = kept.DeepClone();
                }
                else
                {
                    doc.Remove(group);
                }
            }
        }

        if (doc.Obj("AccountingInfoPrefs") is not { } accounting)
        {
            return;
        }

        if (accounting.Bool("ClassTrackingPerTxn") == true && accounting.Bool("ClassTrackingPerTxnLine") == true)
        {
            throw Faults.Business("ClassTrackingPerTxn and ClassTrackingPerTxnLine cannot both be true.");
        }
    }
}
