using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Import;

/// <summary>A QBO record Groundwork does not have: what it would become, and whether it can be imported.</summary>
public sealed record ImportCandidateDto(string QboId, string Name, bool Active, string? ParentQboId, string? ParentName, string Becomes,
    bool Importable, string? Reason, long? SameNameId);

public sealed record ImportPageDto(string Kind, string Layout, IReadOnlyList<ImportCandidateDto> Items, int Page, int PageSize, int Total, DateTime RefreshedAtUtc);

/// <summary>Query of the import list: <c>kind=customer|vendor</c>, search, paging, refresh from QBO.</summary>
public sealed class ImportQuery
{
    public const int MaxSearch = 200;
    public string? Kind { get; set; }
    public string? Q { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
    public bool? Refresh { get; set; }
}

/// <summary>The QBO customers, sub-customers or vendors of the cached list that no Groundwork record is linked to.</summary>
public sealed class ImportCandidates(GroundworkDbContext db, QboLists lists) : IUseCase
{
    public async Task<Outcome<ImportPageDto>> PageAsync(ImportQuery query, CancellationToken ct)
    {
        var kind = ImportKind.Customer;
        if (query.Kind is not null && !ImportPlan.TryParseKind(query.Kind, out kind))
        {
            return Outcome<ImportPageDto>.Invalid(nameof(ImportQuery.Kind), "Kind must be customer or vendor.");
        }
        if (query.Q is { Length: > ImportQuery.MaxSearch })
        {
            return Outcome<ImportPageDto>.Invalid(nameof(ImportQuery.Q), $"Search can be at most {ImportQuery.MaxSearch} characters.");
        }
        var snapshot = await lists.GetAsync(ImportPlan.List(kind), query.Refresh == true, ct);
        if (!snapshot.IsOk) return Pass(snapshot);
        var connection = await db.QboConnections.AsNoTracking().FirstAsync(c => c.Id == snapshot.Value!.ConnectionId, ct);

        var paging = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        var unlinked = Unlinked(connection.Id, kind);
        var key = NameMatch.Key(query.Q);
        if (key.Length > 0) unlinked = unlinked.Where(e => e.NameKey.Contains(key));
        var total = await unlinked.CountAsync(ct);
        var entries = await unlinked.OrderByDescending(e => e.Active).ThenBy(e => e.FullyQualifiedName ?? e.Name).ThenBy(e => e.QboId)
            .Skip(paging.Skip).Take(paging.SafePageSize).ToListAsync(ct);

        var parentIds = entries.Select(e => e.ParentId).OfType<string>().Distinct().ToList();
        var parents = await lists.Entries(connection.Id, QboListType.Customer).Where(e => parentIds.Contains(e.QboId)).ToDictionaryAsync(e => e.QboId, ct);
        var plan = await ImportPlan.LoadAsync(db, connection, kind, ct);
        var items = new List<ImportCandidateDto>(entries.Count);
        foreach (var e in entries)
        {
            var name = NameMatch.WithoutDeletedSuffix(e.Name);
            var parent = e.ParentId is null ? null : parents.GetValueOrDefault(e.ParentId);
            var d = await plan.DecideAsync(name, e.Active, e.ParentId, parent, includeInactive: false, ct);
            items.Add(new(e.QboId, name, e.Active, e.ParentId, d.ParentName, Becomes(d.Becomes), d.Importable, d.Reason, d.SameNameId));
        }
        return Outcome<ImportPageDto>.Ok(new(Kind(kind), connection.CustomerLayout.ToString(), items, paging.SafePage, paging.SafePageSize, total, snapshot.Value!.RefreshedAtUtc));
    }

    /// <summary>List entries of the kind that no link of this connection points at (customers, locations and jobs share "Customer:id").</summary>
    internal IQueryable<QboListEntry> Unlinked(long connectionId, ImportKind kind)
    {
        var prefix = ImportPlan.QboType(kind) + ":";
        return lists.Entries(connectionId, ImportPlan.List(kind))
            .Where(e => !db.QboLinks.Any(l => l.ConnectionId == connectionId && l.QboIdentity == prefix + e.QboId));
    }

    public static string Kind(ImportKind kind) => kind.ToString().ToLowerInvariant();
    public static string Becomes(ImportTarget target) => target.ToString().ToLowerInvariant();

    private static Outcome<ImportPageDto> Pass(Outcome<QboListSnapshot> failed) => failed.Kind == OutcomeKind.NotFound
        ? Outcome<ImportPageDto>.NotFound(failed.Message ?? "QuickBooks is not connected.")
        : Outcome<ImportPageDto>.Conflict(failed.Message ?? "QuickBooks did not answer.");
}
