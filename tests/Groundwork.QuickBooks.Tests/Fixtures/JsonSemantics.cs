using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>
/// Compares JSON by meaning: numbers by value (100 = 100.0), ISO date-times by instant and offset
/// (".300-07:00" = ".3-07:00"), a missing property equal to an explicit null.
/// </summary>
internal static class JsonSemantics
{
    /// <summary>Paths where <paramref name="actual"/> differs from <paramref name="expected"/>; empty when equal.</summary>
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, bool actualMayOmit = false)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", actualMayOmit, differences);
        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, bool actualMayOmit, List<string> differences)
    {
        switch (expected, actual)
        {
            case (null, null):
                return;
            case (JsonObject e, JsonObject a):
                CompareObjects(e, a, path, actualMayOmit, differences);
                return;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: {e.Count} items, got {a.Count}");
                    return;
                }

                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], $"{path}[{i}]", actualMayOmit, differences);
                }

                return;
            case (JsonValue e, JsonValue a) when ValuesEqual(e, a):
                return;
            default:
                differences.Add($"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                return;
        }
    }

    private static void CompareObjects(JsonObject e, JsonObject a, string path, bool actualMayOmit, List<string> differences)
    {
        foreach (var (name, value) in e)
        {
            if (!a.TryGetPropertyValue(name, out var other))
            {
                if (value is not null && !actualMayOmit)
                {
                    differences.Add($"{path}.{name}: missing");
                }

                continue;
            }

            Compare(value, other, $"{path}.{name}", actualMayOmit, differences);
        }

        foreach (var (name, value) in a)
        {
            if (!e.ContainsKey(name) && value is not null)
            {
                differences.Add($"{path}.{name}: not in the original");
            }
        }
    }

    private static bool ValuesEqual(JsonValue e, JsonValue a)
    {
        var (ek, ak) = (e.GetValueKind(), a.GetValueKind());
        if (ek == JsonValueKind.Number && ak == JsonValueKind.Number)
        {
            return decimal.Parse(e.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                == decimal.Parse(a.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        if (ek == JsonValueKind.String && ak == JsonValueKind.String)
        {
            var (es, @as) = (e.GetValue<string>(), a.GetValue<string>());
            return es == @as || SameInstant(es, @as);
        }

        return ek == ak && e.ToJsonString() == a.ToJsonString();
    }

    private static bool SameInstant(string e, string a) =>
        e.Contains('T', StringComparison.Ordinal)
        && DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.None, out var et)
        && DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
        && et == at && et.Offset == at.Offset;
}
