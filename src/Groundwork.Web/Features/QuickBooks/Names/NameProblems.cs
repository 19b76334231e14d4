using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Lists;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>
/// The names QBO would refuse, found before any push, each with a suggested rename the user approves: a colon (QBO's
/// hierarchy separator), a name another kind already uses in QBO's one name space for customers, vendors and employees,
/// and a name whose only QBO records are linked to other Groundwork records.
/// </summary>
public static class NameProblems
{
    public const string Colon = "colon";
    public const string NameClash = "nameClash";
    public const string NameTaken = "nameTaken";

    public static IReadOnlyList<NameProblem> Of(NameKind kind, string name, IReadOnlyList<NameClash> clashes, IReadOnlyList<NameCandidate> exact)
    {
        var problems = new List<NameProblem>();
        var label = Label(kind);
        if (name.Contains(QboNameLimits.Forbidden, StringComparison.Ordinal))
        {
            problems.Add(new(Colon, $"QuickBooks does not allow a colon (:) in {label} names: rename “{name}”, e.g. to “{WithoutColon(name)}”.", WithoutColon(name), []));
        }
        if (clashes.Count > 0)
        {
            var suggested = ClashRename(kind, name);
            var users = string.Join(", ", clashes.Select(c => $"{c.QboType.ToLowerInvariant()} “{c.Name}”{(c.Active ? "" : " (inactive)")}"));
            problems.Add(new(NameClash,
                $"QuickBooks keeps one name list for customers (sub-customers too), vendors and employees, and {users} already uses this name: this {label} cannot link to it " +
                $"and cannot be created with this name. Rename it, e.g. “{suggested}”.", suggested, clashes));
        }
        if (exact.Count > 0 && exact.All(c => c.LinkedToId is not null))
        {
            var suggested = WithSuffix(WithoutColon(name), " 2");
            problems.Add(new(NameTaken,
                $"Every QuickBooks {label} with this name is already linked to another Groundwork record, and QuickBooks refuses a second record with the same name. " +
                $"Rename it, e.g. “{suggested}”.", suggested, []));
        }
        return problems;
    }

    /// <summary>
    /// Two Groundwork records new to QuickBooks with one name in the same push (two customers' locations both “Main St”, or a
    /// customer and its location of one name): QBO's one name space takes the first, and would refuse the second (6240).
    /// </summary>
    public static NameProblem CreatedTogether(NameKind kind, string name, NameKind firstKind)
    {
        var suggested = ClashRename(kind, name);
        return new(NameClash,
            $"QuickBooks keeps one name list for customers (sub-customers too), vendors and employees, and another Groundwork {Label(firstKind)} named “{name}” " +
            $"is created in QuickBooks by this push: this {Label(kind)} cannot be created with the same name. Rename it, e.g. “{suggested}”.", suggested, []);
    }

    public static string Label(NameKind kind) => kind.Slug();

    /// <summary>The rename suggested for a name another record holds in QBO's one name space.</summary>
    private static string ClashRename(NameKind kind, string name) => WithSuffix(WithoutColon(name), $" ({Capitalized(Label(kind))})");

    /// <summary>"Smith: Kitchen" → "Smith - Kitchen".</summary>
    public static string WithoutColon(string name) =>
        string.Join(' ', name.Replace(":", " - ", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The suffix always fits: the name is cut so the result stays within Groundwork's (and QBO's) name limit.</summary>
    public static string WithSuffix(string name, string suffix)
    {
        var room = Limits.Name - suffix.Length;
        var stem = name.Length <= room ? name : name[..room];
        if (stem.Length > 0 && char.IsHighSurrogate(stem[^1])) stem = stem[..^1];
        stem = stem.TrimEnd();
        return stem + suffix;
    }

    private static string Capitalized(string label) => char.ToUpperInvariant(label[0]) + label[1..];
}
