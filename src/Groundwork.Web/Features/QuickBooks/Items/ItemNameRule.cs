using System.Text;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Items;

/// <summary>What is wrong with a proposed Product/Service name, and a name that would pass.</summary>
public sealed record ItemNameCheck(string Name, IReadOnlyList<string> Problems, string SuggestedName)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// QBO's rules for a new Item's Name (API.md §3.6, §11), checked before QBO sees it: at most 100 characters, no colon
/// (QBO's hierarchy separator), unique among all items, inactive ones included (QBO keeps an inactive item's name as
/// “Name (deleted)”), and unique within one request. Names compare by <see cref="NameMatch.Key"/>.
/// </summary>
public sealed class ItemNameRule(IEnumerable<(string Key, string Name, bool Active)> existingItems)
{
    private const string ColonReplacement = " - ";

    private readonly Dictionary<string, (string Name, bool Active)> taken = existingItems
        .Where(i => i.Key.Length > 0).GroupBy(i => i.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => (g.First().Name, g.First().Active), StringComparer.Ordinal);

    /// <summary>Names claimed earlier in the same request (checked or suggested), so two cost codes never get one name.</summary>
    private readonly HashSet<string> batch = new(StringComparer.Ordinal);

    /// <summary>A cost code's default item name: its number and name (“01 00 00 General Requirements”).</summary>
    public static string Proposed(string number, string name) => $"{number.Trim()} {name.Trim()}".Trim();

    /// <summary>Checks <paramref name="name"/> and claims it (or its suggestion) within the request.</summary>
    public ItemNameCheck Check(string name)
    {
        var trimmed = name.Trim();
        var key = NameMatch.Key(trimmed);
        var problems = new List<string>();
        if (key.Length == 0) problems.Add("The name is empty.");
        if (NameRules.Problem(trimmed, "The name") is { } text) problems.Add(text);
        if (trimmed.Contains(QboNameLimits.Forbidden, StringComparison.Ordinal))
            problems.Add("QuickBooks does not allow a colon (:) in a Product/Service name; it separates parent and sub-item.");
        if (trimmed.Length > QboNameLimits.ListName)
            problems.Add($"QuickBooks allows at most {QboNameLimits.ListName} characters in a Product/Service name; this one has {trimmed.Length}.");
        if (taken.TryGetValue(key, out var clash))
            problems.Add(clash.Active
                ? $"QuickBooks already has a Product/Service named “{clash.Name}”."
                : $"QuickBooks already has an inactive Product/Service named “{clash.Name}”; QuickBooks keeps inactive names, so this name is taken.");
        else if (key.Length > 0 && batch.Contains(key))
            problems.Add("Another cost code in this request already uses this name.");

        var suggested = problems.Count == 0 ? trimmed : Fix(trimmed);
        var claim = NameMatch.Key(suggested);
        if (claim.Length > 0) batch.Add(claim);
        if (problems.Count > 0 && key.Length > 0) batch.Add(key);
        return new ItemNameCheck(trimmed, problems, suggested);
    }

    /// <summary>Colons become “ - ”, the name is cut to 100 at a word boundary, and a taken name gets “ (2)”, “ (3)”, ….</summary>
    private string Fix(string name)
    {
        var clean = Collapse(name.Replace(QboNameLimits.Forbidden.ToString(), ColonReplacement, StringComparison.Ordinal));
        if (NameRules.Problem(clean, "name") is not null || NameMatch.Key(clean).Length == 0) return "";
        var fitted = Fit(clean, QboNameLimits.ListName);
        for (var n = 2; Taken(fitted); n++)
        {
            var suffix = $" ({n})";
            fitted = Fit(clean, QboNameLimits.ListName - suffix.Length) + suffix;
        }
        return fitted;
    }

    private bool Taken(string name)
    {
        var key = NameMatch.Key(name);
        return taken.ContainsKey(key) || batch.Contains(key);
    }

    /// <summary>At most <paramref name="max"/> characters, cut at the last space that keeps some of the name.</summary>
    internal static string Fit(string name, int max)
    {
        if (name.Length <= max) return name;
        var cut = name[..max];
        // A surrogate pair is never split.
        if (char.IsHighSurrogate(cut[^1])) cut = cut[..^1];
        var space = cut.LastIndexOf(' ');
        if (space > max / 2 && !char.IsWhiteSpace(name[cut.Length])) cut = cut[..space];
        return cut.TrimEnd(' ', '-');
    }

    private static string Collapse(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name.Trim())
        {
            if (ch == ' ' && sb.Length > 0 && sb[^1] == ' ') continue;
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
