using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Features.QuickBooks.Names;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// What QBO has, as last read, for the customer, sub-customer and vendor names a set of documents needs: their links, the
/// cached records of the same name across QBO's one name space, and which of those other Groundwork records claim.
/// Decides per name: linked, link to the free record of that name, create — or the problem QBO would refuse it for.
/// </summary>
internal sealed class NameFacts
{
    private readonly Dictionary<(LinkedKind, long), QboLink> links;
    private readonly ILookup<string, QboListEntry> byKey;
    private readonly Dictionary<string, (LinkedKind Kind, long Id)> claims;

    private NameFacts(Dictionary<(LinkedKind, long), QboLink> links, ILookup<string, QboListEntry> byKey, Dictionary<string, (LinkedKind, long)> claims)
    {
        this.links = links;
        this.byKey = byKey;
        this.claims = claims;
    }

    public static async Task<NameFacts> LoadAsync(GroundworkDbContext db, long connectionId, IReadOnlyCollection<NameNeed> needs, CancellationToken ct)
    {
        var kinds = needs.Select(n => n.Kind).Distinct().ToList();
        var ids = needs.Select(n => n.LocalId).Distinct().ToList();
        var links = (await db.QboLinks.AsNoTracking()
                .Where(l => l.ConnectionId == connectionId && kinds.Contains(l.Kind) && ids.Contains(l.LocalId)).ToListAsync(ct))
            .ToDictionary(l => (l.Kind, l.LocalId));
        var keys = needs.Where(n => !links.ContainsKey((n.Kind, n.LocalId))).Select(n => NameMatch.Key(n.Name)).Distinct().ToList();
        var entries = keys.Count == 0 ? [] : await db.Set<QboListEntry>().AsNoTracking()
            .Where(e => e.ConnectionId == connectionId && keys.Contains(e.NameKey)
                && (e.List == QboListType.Customer || e.List == QboListType.Vendor || e.List == QboListType.Employee))
            .ToListAsync(ct);
        var qboIds = entries.Select(e => e.QboId).Distinct().ToList();
        var claims = qboIds.Count == 0 ? [] : (await db.QboLinks.AsNoTracking()
                .Where(l => l.ConnectionId == connectionId && l.QboIdentity != null && (l.QboType == "Customer" || l.QboType == "Vendor") && qboIds.Contains(l.QboId))
                .Select(l => new { l.QboType, l.QboId, l.Kind, l.LocalId }).ToListAsync(ct))
            .DistinctBy(c => c.QboType + ":" + c.QboId).ToDictionary(c => c.QboType + ":" + c.QboId, c => (c.Kind, c.LocalId));
        return new NameFacts(links, entries.ToLookup(e => e.NameKey), claims);
    }

    public string? LinkedId(LinkedKind kind, long id) => links.TryGetValue((kind, id), out var l) ? l.QboId : null;

    /// <summary>
    /// A document's names in order, parents first (<see cref="PushPlanner.Parties"/>): a sub-customer is matched under the
    /// record its parent is linked to, or will be linked to by this same push — after Remove integration and a reconnect,
    /// QuickBooks still has the customer and its sub-customer Groundwork made, and both are linked again, not refused.
    /// </summary>
    public List<PlannedName> PlanAll(IEnumerable<NameNeed> needs, Action<PushProblem?> problem)
    {
        var planned = new List<PlannedName>();
        foreach (var need in needs)
        {
            var parent = need.ParentKind is { } kind ? planned.Find(p => p.Kind == kind && p.LocalId == need.ParentLocalId) : null;
            planned.Add(Plan(need, problem, parent?.QboId));
        }
        return planned;
    }

    private PlannedName Plan(NameNeed need, Action<PushProblem?> problem, string? parentQboId)
    {
        if (links.TryGetValue((need.Kind, need.LocalId), out var link))
        {
            return new(need.Kind, need.LocalId, need.Name, "linked", link.QboId, need.ParentKind, need.ParentLocalId);
        }
        var nameKind = KindOf(need.Kind);
        var list = need.Kind == LinkedKind.Vendor ? QboListType.Vendor : QboListType.Customer;
        parentQboId ??= need.ParentKind is { } pk && need.ParentLocalId is { } pid ? LinkedId(pk, pid) : null;
        var same = new List<NameCandidate>();
        var clashes = new List<NameClash>();
        foreach (var e in byKey[NameMatch.Key(need.Name)])
        {
            var fits = e.List == list && (need.ParentKind is null ? e.ParentId is null : parentQboId is not null && e.ParentId == parentQboId);
            if (fits)
            {
                var qboType = list == QboListType.Vendor ? "Vendor" : "Customer";
                var claim = claims.TryGetValue($"{qboType}:{e.QboId}", out var c) ? c : ((LinkedKind, long)?)null;
                same.Add(new NameCandidate(e.QboId, e.Name, e.FullyQualifiedName, "exact", 1, e.Active, e.ParentId, claim?.Item1.ToString().ToLowerInvariant(), claim?.Item2));
            }
            else
            {
                clashes.Add(new NameClash(e.QboId, e.Name, e.List == QboListType.Customer && e.ParentId != null ? "Sub-customer" : e.List.ToString(), e.Active));
            }
        }
        var free = same.Where(c => c.Active && c.LinkedToId is null).ToList();
        if (free.Count == 1) return new(need.Kind, need.LocalId, need.Name, "link", free[0].QboId, need.ParentKind, need.ParentLocalId);
        var label = NameProblems.Label(nameKind);
        var fixUrl = FixUrl(need.Kind, need.Name);
        if (free.Count > 1)
        {
            problem(new(PushChecks.AmbiguousName, $"{free.Count} QuickBooks {label}s are named “{need.Name}”: choose the one to link.", "Link it on the names page.",
                fixUrl, "Choose", need.Kind, need.LocalId));
        }
        var found = NameProblems.Of(nameKind, need.Name, clashes, same);
        foreach (var p in found) problem(Problem(need.Kind, need.LocalId, need.Name, p));
        if (found.Count == 0 && free.Count == 0 && same.Any(c => !c.Active && c.LinkedToId is null))
        {
            var suggested = NameProblems.WithSuffix(NameProblems.WithoutColon(need.Name), " 2");
            problem(new(PushChecks.InactiveName, $"Only an inactive QuickBooks {label} is named “{need.Name}”, and QuickBooks refuses a second record with that name.",
                $"Make it active in QuickBooks and link it on the names page, or rename this {label} (e.g. “{suggested}”).", fixUrl, "Rename", need.Kind, need.LocalId, suggested));
        }
        return new(need.Kind, need.LocalId, need.Name, "create", null, need.ParentKind, need.ParentLocalId);
    }

    /// <summary>A name rule's finding as the push shows it: its words, and the rename on the names page.</summary>
    public static PushProblem Problem(LinkedKind kind, long localId, string name, NameProblem p) =>
        new(p.Code, p.Message, p.SuggestedName is null ? "Rename it." : $"Rename it to “{p.SuggestedName}”.", FixUrl(kind, name), "Rename", kind, localId, p.SuggestedName);

    /// <summary>Sub-customers (a location, or a job per the layout) are named like locations.</summary>
    public static NameKind KindOf(LinkedKind kind) => kind switch
    {
        LinkedKind.Customer => NameKind.Customer,
        LinkedKind.Vendor => NameKind.Vendor,
        _ => NameKind.Location,
    };

    /// <summary>The names page searched for this record, so its rename and link forms are on the first page however many names there are.</summary>
    private static string FixUrl(LinkedKind kind, string name) => $"{PushChecks.NamesPage}?kind={NameProblems.Label(KindOf(kind))}&q={Uri.EscapeDataString(name)}";
}
