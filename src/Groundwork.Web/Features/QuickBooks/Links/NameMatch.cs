using System.Globalization;
using System.Text;

namespace Groundwork.Web.Features.QuickBooks.Links;

/// <summary>
/// The one rule for when a Groundwork name and a QBO name are the same (Autofill, link-exact, clash checks) and how near
/// two different names are (suggestions, never applied silently).
/// </summary>
public static class NameMatch
{
    /// <summary>Shown on the Products/Services mapping screen, word for word what <see cref="Key"/> and <see cref="CostCodeKeys"/> do.</summary>
    public const string Rule = Same + "A cost code matches a Product/Service named with its number and name (“01 00 00 General Requirements”) or its name alone (“General Requirements”). " + Inactive;

    /// <summary>Shown for customers, locations and vendors (no cost codes there): what <see cref="Key"/> does.</summary>
    public const string NameRule = Same + Inactive;

    private const string Same = "Names match when they are the same after trimming, ignoring upper and lower case and repeated spaces. ";
    private const string Inactive = "An inactive QuickBooks record matches under its name without QuickBooks' “(deleted)” ending.";

    /// <summary>Near matches below this score are not suggested.</summary>
    public const double SuggestionThreshold = 0.6;

    /// <summary>Trimmed, whitespace runs as one space, compatibility-normalized, upper case (invariant).</summary>
    public static string Key(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var normalized = name.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var ch in normalized.Trim())
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(char.ToUpperInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>QBO renames an inactive record "Name (deleted)" (classes: "(Deleted)") and keeps its name slot.</summary>
    public static string WithoutDeletedSuffix(string name)
    {
        const string suffix = " (deleted)";
        var trimmed = name.TrimEnd();
        return trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? trimmed[..^suffix.Length] : trimmed;
    }

    /// <summary>The key a QBO list record matches under.</summary>
    public static string QboKey(string name, bool active) => Key(active ? name : WithoutDeletedSuffix(name));

    /// <summary>A cost code's keys, most specific first: number and name, then the name alone.</summary>
    public static IReadOnlyList<string> CostCodeKeys(string number, string name)
    {
        var full = Key($"{number} {name}");
        var bare = Key(name);
        return full == bare || bare.Length == 0 ? [full] : [full, bare];
    }

    /// <summary>
    /// How alike two names are, 0 to 1 (two decimals): the Sørensen–Dice coefficient of their character pairs, letters
    /// and digits only, so "Sub-contractor" and "Subcontractor" score 1 while "Concrete" and "Cast-in-Place Concrete" score
    /// about 0.6.
    /// </summary>
    public static double Similarity(string a, string b) => Similarity(Bigrams(a), Bigrams(b));

    internal static double Similarity(Dictionary<int, int> a, Dictionary<int, int> b)
    {
        var totalA = a.Values.Sum();
        var totalB = b.Values.Sum();
        if (totalA == 0 || totalB == 0) return 0;
        var shared = 0;
        foreach (var (pair, count) in a)
        {
            if (b.TryGetValue(pair, out var other)) shared += Math.Min(count, other);
        }
        return Math.Round(2.0 * shared / (totalA + totalB), 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>Character pairs of the letters and digits of the name (upper case), with their counts.</summary>
    internal static Dictionary<int, int> Bigrams(string name)
    {
        var chars = Key(name).Where(char.IsLetterOrDigit).ToArray();
        var pairs = new Dictionary<int, int>();
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            var pair = (chars[i] << 16) | chars[i + 1];
            pairs[pair] = pairs.GetValueOrDefault(pair) + 1;
        }
        return pairs;
    }

    /// <summary>Words of three or more letters or digits: what a candidate must share with a name to be scored at all.</summary>
    internal static IEnumerable<string> Words(string name) =>
        Key(name).Split(static c => !char.IsLetterOrDigit(c)).Where(w => w.Length >= 3).Distinct(StringComparer.Ordinal);

    private static string[] Split(this string key, Func<char, bool> separator)
    {
        var words = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in key)
        {
            if (separator(ch))
            {
                if (sb.Length > 0) words.Add(sb.ToString());
                sb.Clear();
            }
            else
            {
                sb.Append(ch);
            }
        }
        if (sb.Length > 0) words.Add(sb.ToString());
        return [.. words];
    }
}

/// <summary>A scored near match.</summary>
public sealed record NearMatch<T>(T Item, double Score);

/// <summary>
/// A list (QBO items, customers, …) indexed for matching by name: exact matches by <see cref="NameMatch.Key"/>, near matches
/// among the records that share a word, so 2,000 cost codes against 5,000 items stays fast.
/// </summary>
public sealed class NameIndex<T>
{
    private readonly Dictionary<string, List<T>> exact = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> byWord = new(StringComparer.Ordinal);
    private readonly List<(T Item, string Key, Dictionary<int, int> Pairs)> all = [];

    /// <param name="key">The record's match key (for QBO records <see cref="NameMatch.QboKey"/>).</param>
    public NameIndex(IEnumerable<T> items, Func<T, string> key)
    {
        foreach (var item in items)
        {
            var k = key(item);
            if (k.Length == 0) continue;
            if (!exact.TryGetValue(k, out var same)) exact[k] = same = [];
            same.Add(item);
            foreach (var word in NameMatch.Words(k))
            {
                if (!byWord.TryGetValue(word, out var list)) byWord[word] = list = [];
                list.Add(all.Count);
            }
            all.Add((item, k, NameMatch.Bigrams(k)));
        }
    }

    /// <summary>Records whose key equals one of <paramref name="keys"/>, trying the keys in order.</summary>
    public IReadOnlyList<T> Exact(params IEnumerable<string> keys)
    {
        foreach (var k in keys)
        {
            if (exact.TryGetValue(k, out var found)) return found;
        }
        return [];
    }

    /// <summary>The best near matches (not exact ones) scoring at least <paramref name="minimum"/>, best first.</summary>
    public IReadOnlyList<NearMatch<T>> Near(IEnumerable<string> names, int max = 5, double minimum = NameMatch.SuggestionThreshold)
    {
        var keys = names.Select(NameMatch.Key).Where(k => k.Length > 0).Distinct().ToList();
        var scores = new Dictionary<int, double>();
        foreach (var k in keys)
        {
            var pairs = NameMatch.Bigrams(k);
            // Candidates share a word; the ones sharing most are scored first, at most 64 per name.
            var candidates = NameMatch.Words(k).SelectMany(w => byWord.GetValueOrDefault(w) ?? [])
                .GroupBy(i => i).OrderByDescending(g => g.Count()).Take(64).Select(g => g.Key);
            foreach (var i in candidates.Where(i => !keys.Contains(all[i].Key)))
            {
                scores[i] = Math.Max(scores.GetValueOrDefault(i), NameMatch.Similarity(pairs, all[i].Pairs));
            }
        }
        return [.. scores.Where(s => s.Value >= minimum)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key).Take(max)
            .Select(s => new NearMatch<T>(all[s.Key].Item, s.Value))];
    }
}
