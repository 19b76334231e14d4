using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>A Groundwork customer, location (with its customer) or vendor, as matching needs it.</summary>
public sealed record NameRecord(long Id, string Name, long? CustomerId, string? CustomerName);

/// <summary>A cached QBO name as matching needs it.</summary>
public sealed record QboName(string QboId, string Name, string Key, string? FullyQualifiedName, string? ParentId, bool Active);

/// <summary>
/// One kind's QBO side for one request: the cached list (read from QBO only when never read or on refresh) indexed by
/// <see cref="NameMatch"/>, and which QBO records other Groundwork records already claim. Built once per request from the
/// cache, so a page of rows never calls QBO per row.
/// </summary>
public sealed class NameBoard
{
    public const int MaxCandidates = 5;

    private readonly GroundworkDbContext db;
    private readonly NameIndex<QboName> index;
    private readonly Dictionary<string, (LinkedKind Kind, long Id)> taken;

    private NameBoard(GroundworkDbContext db, NameKind kind, QboConnection connection, DateTime refreshedAtUtc, List<QboName> names,
        Dictionary<string, (LinkedKind, long)> taken)
    {
        this.db = db;
        Kind = kind;
        Connection = connection;
        RefreshedAtUtc = refreshedAtUtc;
        index = new NameIndex<QboName>(names, n => n.Key);
        this.taken = taken;
    }

    public NameKind Kind { get; }
    public QboConnection Connection { get; }
    public DateTime RefreshedAtUtc { get; }

    public static async Task<Outcome<NameBoard>> LoadAsync(GroundworkDbContext db, QboLists lists, NameKind kind, bool refresh, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<NameBoard>.NotFound("QuickBooks is not connected.");
        if (kind == NameKind.Location && connection.CustomerLayout == QboCustomerLayout.JobAsSubCustomer)
        {
            return Outcome<NameBoard>.Conflict(
                "The customer layout makes jobs the QuickBooks sub-customers, so locations are not linked to QuickBooks. Link customers here; jobs follow their customer.");
        }
        var snapshot = await lists.GetAsync(kind.List(), refresh, ct);
        if (!snapshot.IsOk) return Outcome<NameBoard>.Conflict(snapshot.Message ?? "QuickBooks did not answer.");
        foreach (var other in kind.ClashLists())
        {
            var read = await lists.GetAsync(other, refresh, ct);
            if (!read.IsOk) return Outcome<NameBoard>.Conflict(read.Message ?? "QuickBooks did not answer.");
        }

        var entries = lists.Entries(connection.Id, kind.List());
        // A customer links to a top-level QBO customer; a location to a sub-customer.
        if (kind == NameKind.Customer) entries = entries.Where(e => e.ParentId == null);
        if (kind == NameKind.Location) entries = entries.Where(e => e.ParentId != null);
        var names = await entries.OrderBy(e => e.Id)
            .Select(e => new { e.QboId, e.Name, e.NameKey, e.FullyQualifiedName, e.ParentId, e.Active }).ToListAsync(ct);
        var qboType = kind.QboType();
        var claims = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connection.Id && l.QboType == qboType && l.QboIdentity != null)
            .Select(l => new { l.QboId, l.Kind, l.LocalId }).ToListAsync(ct);
        return Outcome<NameBoard>.Ok(new NameBoard(db, kind, connection, snapshot.Value!.RefreshedAtUtc,
            [.. names.Select(n => new QboName(n.QboId, n.Name, n.NameKey, n.FullyQualifiedName, n.ParentId, n.Active))],
            claims.DistinctBy(c => c.QboId).ToDictionary(c => c.QboId, c => (c.Kind, c.LocalId))));
    }

    /// <summary>
    /// Rows for <paramref name="records"/>: link or candidates, problems, action. <paramref name="parentLinks"/> adds
    /// customer links not saved yet (link-exact links customers before their locations in one save).
    /// </summary>
    public async Task<List<NameLinkRow>> RowsAsync(IReadOnlyList<NameRecord> records, bool withNear, IReadOnlyDictionary<long, string>? parentLinks,
        CancellationToken ct)
    {
        var ids = records.Select(r => r.Id).ToList();
        var linked = Kind.Linked();
        var own = await db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == Connection.Id && l.Kind == linked && ids.Contains(l.LocalId))
            .ToDictionaryAsync(l => l.LocalId, ct);
        var parents = new Dictionary<long, string>();
        if (Kind == NameKind.Location)
        {
            var customerIds = records.Select(r => r.CustomerId ?? 0).Distinct().ToList();
            parents = await db.QboLinks.AsNoTracking()
                .Where(l => l.ConnectionId == Connection.Id && l.Kind == LinkedKind.Customer && customerIds.Contains(l.LocalId))
                .ToDictionaryAsync(l => l.LocalId, l => l.QboId, ct);
            foreach (var (customer, qboId) in parentLinks ?? new Dictionary<long, string>()) parents[customer] = qboId;
        }
        var keys = records.Select(r => NameMatch.Key(r.Name)).Distinct().ToList();
        var clashLists = Kind.ClashLists();
        // Sub-customers share the name space too: a customer may not take a sub-customer's name, nor a location a customer's.
        var otherLevel = Kind switch
        {
            NameKind.Customer => (bool?)true,
            NameKind.Location => false,
            _ => null,
        };
        var clashes = (await db.Set<QboListEntry>().AsNoTracking()
                .Where(e => e.ConnectionId == Connection.Id && keys.Contains(e.NameKey)
                    && (clashLists.Contains(e.List) || (otherLevel != null && e.List == QboListType.Customer && (e.ParentId != null) == otherLevel)))
                .Select(e => new { e.NameKey, e.QboId, e.Name, e.List, e.ParentId, e.Active }).ToListAsync(ct))
            .ToLookup(e => e.NameKey, e => new NameClash(e.QboId, e.Name, e.List == QboListType.Customer && e.ParentId != null ? "Sub-customer" : e.List.ToString(), e.Active));

        return [.. records.Select(r =>
        {
            var parent = r.CustomerId is { } c && parents.TryGetValue(c, out var p) ? p : null;
            return Row(r, own.GetValueOrDefault(r.Id), parent, [.. clashes[NameMatch.Key(r.Name)]], withNear);
        })];
    }

    private NameLinkRow Row(NameRecord r, QboLink? link, string? parentQboId, List<NameClash> clashes, bool withNear)
    {
        var key = NameMatch.Key(r.Name);
        bool Fits(QboName n) => Kind != NameKind.Location || parentQboId is null || n.ParentId == parentQboId;
        NameCandidate Candidate(QboName n, string match, double score)
        {
            var claim = taken.TryGetValue(n.QboId, out var t) && !(t.Kind == Kind.Linked() && t.Id == r.Id) ? t : ((LinkedKind, long)?)null;
            return new NameCandidate(n.QboId, n.Name, n.FullyQualifiedName, match, score, n.Active, n.ParentId,
                claim?.Item1.ToString().ToLowerInvariant(), claim?.Item2);
        }
        var exact = index.Exact(key).Where(Fits).OrderByDescending(n => n.Active).ThenBy(n => n.QboId, StringComparer.Ordinal)
            .Select(n => Candidate(n, "exact", 1)).ToList();
        var near = withNear
            ? index.Near([r.Name], MaxCandidates * 2).Where(m => Fits(m.Item)).Take(MaxCandidates).Select(m => Candidate(m.Item, "near", m.Score))
            : [];
        var candidates = exact.Take(MaxCandidates * 2).Concat(near).ToList();
        var problems = NameProblems.Of(Kind, r.Name, clashes, exact);
        var info = link is null ? null : new NameLinkInfo(link.QboId, link.QboName, link.Source, link.State);
        var (action, plan) = Decide(info, exact, problems);
        return new NameLinkRow(r.Id, r.Name, Kind.Slug(), r.CustomerId, r.CustomerName, parentQboId, info, candidates, problems, action, plan);
    }

    private static (string, string) Decide(NameLinkInfo? link, List<NameCandidate> exact, IReadOnlyList<NameProblem> problems)
    {
        if (link is not null) return (NameAction.Linked, $"Linked to “{link.QboName}” (QuickBooks id {link.QboId}).");
        if (problems.Count > 0) return (NameAction.Rename, "QuickBooks would refuse this name: rename it before the first push.");
        var free = exact.Where(c => c.Active && c.LinkedToId is null).ToList();
        if (free.Count == 1) return (NameAction.Link, $"Link to “{free[0].Name}”, the QuickBooks record of the same name (Link all exact matches does).");
        if (free.Count > 1) return (NameAction.Choose, $"{free.Count} QuickBooks records have this name: choose the one to link.");
        if (exact.Any(c => !c.Active && c.LinkedToId is null))
        {
            return (NameAction.Reactivate,
                "Only an inactive QuickBooks record has this name, and QuickBooks refuses a new one with it: make it active in QuickBooks and link it, or rename.");
        }
        return (NameAction.CreateOnFirstPush, "No QuickBooks record has this name: the first push creates it.");
    }
}
