using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Names;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// QBO's one name space for customers, sub-customers, vendors and employees, within one push: the cached lists only know
/// names already in QuickBooks, so two Groundwork records new to it with the same name (two customers' locations both
/// “Main St”, or a customer and its location of one name) would both be planned as creates, and QBO refuses the second
/// (6240). The first — by document, parents first, among documents that can go — is created; every other document that
/// would create a record of that name is held back with the rename fix, before anything is sent.
/// </summary>
internal static class NewNames
{
    public static Dictionary<long, PushPlan> HoldSecondOfAName(Dictionary<long, PushPlan> plans)
    {
        var first = new Dictionary<string, PlannedName>(StringComparer.Ordinal);
        foreach (var name in plans.Values.Where(p => p.CanPush).OrderBy(p => p.DocumentId).SelectMany(p => p.Names).Where(n => n.Action == "create"))
        {
            first.TryAdd(NameMatch.Key(name.DisplayName), name);
        }
        if (first.Count == 0) return plans;
        foreach (var plan in plans.Values.ToList())
        {
            var held = plan.Names
                .Where(n => n.Action == "create" && first.TryGetValue(NameMatch.Key(n.DisplayName), out var taken) && (taken.Kind, taken.LocalId) != (n.Kind, n.LocalId))
                .Select(n => NameFacts.Problem(n.Kind, n.LocalId, n.DisplayName,
                    NameProblems.CreatedTogether(NameFacts.KindOf(n.Kind), n.DisplayName, NameFacts.KindOf(first[NameMatch.Key(n.DisplayName)].Kind))))
                .ToList();
            if (held.Count > 0) plans[plan.DocumentId] = plan with { Problems = [.. plan.Problems, .. held] };
        }
        return plans;
    }
}
