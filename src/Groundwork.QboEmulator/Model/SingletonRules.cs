using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Preferences: class tracking per transaction and per line are mutually exclusive (API.md §3.7).</summary>
internal static class SingletonRules
{
    public static void Normalize(EntityDef def, JsonObject doc)
    {
        if (def.Name != "Preferences" || doc.Obj("AccountingInfoPrefs") is not { } accounting)
        {
            return;
        }

        if (accounting.Bool("ClassTrackingPerTxn") == true && accounting.Bool("ClassTrackingPerTxnLine") == true)
        {
            throw Faults.Business("ClassTrackingPerTxn and ClassTrackingPerTxnLine cannot both be true.");
        }
    }
}
