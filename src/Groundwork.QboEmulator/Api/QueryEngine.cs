using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Model;

namespace Groundwork.QboEmulator.Api;

/// <summary>Runs a parsed query over one company: inactive names only when Active is filtered, 1-based paging, MAXRESULTS ≤ 1000.</summary>
internal sealed class QueryEngine
{
    public JsonObject Run(OpContext ctx, string text)
    {
        var query = QueryParser.Parse(text);
        var def = EntityCatalog.Find(query.Entity) ?? throw Faults.InvalidQuery($"invalid context declaration: {query.Entity}");
        foreach (var property in query.Where.Select(c => c.Property).Append(query.OrderBy).OfType<string>())
        {
            CheckProperty(def, property);
        }

        if (query.Start < 1)
        {
            throw Faults.InvalidQuery($"value {query.Start} is too small. Min allowed value is 1");
        }

        if (query.Max > 1000 || query.Max < 0)
        {
            throw Faults.InvalidQuery($"value {query.Max} is out of range. Max allowed value is 1000");
        }

        var onlyActive = def.HasActive && !query.Where.Any(c => c.Property.Equals("Active", StringComparison.OrdinalIgnoreCase));
        var matches = ctx.All(def.Name)
            .Where(d => !onlyActive || d.IsActive())
            .Where(d => query.Where.All(c => Matches(d, c)));
        if (query.Count)
        {
            return new JsonObject { ["totalCount"] = matches.Count() };
        }

        var ordered = Order(matches, query).Skip(query.Start - 1).Take(query.Max).Select(d => (JsonNode)d.Public()).ToArray();
        return ordered.Length == 0 ? new JsonObject() : new JsonObject
        {
            [def.Name] = new JsonArray(ordered),
            ["startPosition"] = query.Start,
            ["maxResults"] = ordered.Length,
        };
    }

    public static bool Matches(JsonObject doc, Condition condition)
    {
        var value = Lookup(doc, condition.Property);
        if (value is null)
        {
            return condition.Operator == "IN" && condition.Values.Any(v => v == " ");
        }

        return condition.Operator switch
        {
            "IN" => condition.Values.Any(v => Compare(value, v) == 0),
            "LIKE" => Like(value, condition.Values[0]),
            "=" => Compare(value, condition.Values[0]) == 0,
            "!=" => Compare(value, condition.Values[0]) != 0,
            "<" => Compare(value, condition.Values[0]) < 0,
            ">" => Compare(value, condition.Values[0]) > 0,
            "<=" => Compare(value, condition.Values[0]) <= 0,
            _ => Compare(value, condition.Values[0]) >= 0,
        };
    }

    /// <summary>
    /// Unknown properties are not queryable, and neither are lines, addresses and other nested objects or the free-text
    /// notes (Intuit marks them not filterable); MetaData times and references are.
    /// </summary>
    private static void CheckProperty(EntityDef def, string property)
    {
        var head = property.Split('.')[0];
        var spec = def.Fields.Values.FirstOrDefault(f => f.Name.Equals(head, StringComparison.OrdinalIgnoreCase));
        var filterable = spec is not null
            && (spec.Kind is not ('o' or 'a') || spec.Name == "MetaData")
            && spec.Name is not ("PrivateNote" or "Notes");
        if (!filterable)
        {
            throw Faults.InvalidQuery($"property '{property}' is not queryable");
        }
    }

    private static IEnumerable<JsonObject> Order(IEnumerable<JsonObject> docs, ParsedQuery query)
    {
        if (query.OrderBy is null)
        {
            return docs.OrderBy(d => long.TryParse(d.Str("Id"), out var id) ? id : 0);
        }

        var comparer = Comparer<JsonValue?>.Create((a, b) => a is null ? (b is null ? 0 : -1) : b is null ? 1 : Compare(a, b.ToString()));
        return query.Descending
            ? docs.OrderByDescending(d => Lookup(d, query.OrderBy!), comparer)
            : docs.OrderBy(d => Lookup(d, query.OrderBy!), comparer);
    }

    /// <summary>Dotted, case-insensitive property path; a reference compares by its <c>value</c>.</summary>
    private static JsonValue? Lookup(JsonObject doc, string path)
    {
        JsonNode? node = doc;
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?.FirstOrDefault(p => p.Key.Equals(part, StringComparison.OrdinalIgnoreCase)).Value;
        }

        return node is JsonObject reference ? reference["value"] as JsonValue : node as JsonValue;
    }

    private static int Compare(JsonValue value, string literal)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.Number:
                return decimal.TryParse(literal, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? (Json.Dec(value) ?? 0).CompareTo(n) : -1;
            case JsonValueKind.True or JsonValueKind.False:
                return bool.TryParse(literal, out var b) ? value.GetValue<bool>().CompareTo(b) : -1;
            default:
                var text = value.ToString();
                if (LooksLikeTime(text) && LooksLikeTime(literal)
                    && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var x)
                    && DateTimeOffset.TryParse(literal, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var y))
                {
                    return x.CompareTo(y);
                }

                return string.Compare(text, literal, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static bool LooksLikeTime(string text) => text.Length > 10 && text[4] == '-' && text[10] == 'T';

    private static bool Like(JsonValue value, string pattern)
    {
        var regex = "^" + string.Join(".*", pattern.Split('%').Select(Regex.Escape)) + "$";
        // Non-backtracking: a pattern full of % cannot make a query hang.
        return Regex.IsMatch(value.ToString(), regex, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
    }
}
