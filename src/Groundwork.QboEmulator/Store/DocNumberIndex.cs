using System.Globalization;
using System.Text.Json.Nodes;

namespace Groundwork.QboEmulator.Store;

/// <summary>
/// Which documents of an entity carry a DocNumber, and the highest numeric one, so the duplicate check (6140) and
/// auto-numbering are lookups rather than scans of every document of the type. Kept current by the company's writes.
/// </summary>
internal sealed class DocNumberIndex
{
    private readonly Dictionary<string, HashSet<string>> idsByNumber = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> numberOf = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, int> numeric = [];

    public IEnumerable<string> Ids(string number) => idsByNumber.TryGetValue(number, out var ids) ? ids : [];

    /// <summary>The highest DocNumber that is a whole number, or null when none is.</summary>
    public long? Highest => numeric.Count == 0 ? null : numeric.Keys.Last();

    public void Set(string id, JsonObject doc)
    {
        Remove(id);
        if (doc["DocNumber"] is not JsonValue value || !value.TryGetValue<string>(out var number)) return;
        numberOf[id] = number;
        if (!idsByNumber.TryGetValue(number, out var ids))
        {
            ids = new HashSet<string>(StringComparer.Ordinal);
            idsByNumber[number] = ids;
        }

        ids.Add(id);
        if (long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) numeric[n] = numeric.GetValueOrDefault(n) + 1;
    }

    public void Remove(string id)
    {
        if (!numberOf.Remove(id, out var number)) return;
        if (idsByNumber.TryGetValue(number, out var ids) && ids.Remove(id) && ids.Count == 0) idsByNumber.Remove(number);
        if (long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && numeric.TryGetValue(n, out var count))
        {
            if (count <= 1) numeric.Remove(n);
            else numeric[n] = count - 1;
        }
    }
}
