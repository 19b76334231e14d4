using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>A page of customers, locations or vendors, each with its QBO link or its candidates, problems and action.</summary>
public sealed class ListNameLinks(GroundworkDbContext db, QboLists lists) : IUseCase
{
    /// <summary>The longest search text accepted.</summary>
    public const int MaxSearch = 200;

    public async Task<Outcome<NameLinkPage>> HandleAsync(NameKind kind, string? search, int page, int pageSize, bool refresh, CancellationToken ct)
    {
        if (search is { Length: > MaxSearch }) return Outcome<NameLinkPage>.Invalid("q", $"Search can be at most {MaxSearch} characters.");
        var board = await NameBoard.LoadAsync(db, lists, kind, refresh, ct);
        if (!board.IsOk) return LinkName.Relay<NameBoard, NameLinkPage>(board);
        var (records, total) = await NameRecords.PageAsync(db, kind, search, page, pageSize, ct);
        var rows = await board.Value!.RowsAsync(records, withNear: true, parentLinks: null, ct);
        return Outcome<NameLinkPage>.Ok(new NameLinkPage(kind.Slug(), rows, page, pageSize, total, board.Value.RefreshedAtUtc, NameMatch.NameRule));
    }
}

/// <summary>The Groundwork side, paged and searched in the database.</summary>
public static class NameRecords
{
    public static async Task<(List<NameRecord> Records, int Total)> PageAsync(GroundworkDbContext db, NameKind kind, string? search, int page, int pageSize,
        CancellationToken ct)
    {
        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim().ToLower();
        var query = Query(db, kind, term);
        var total = await query.CountAsync(ct);
        var rows = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return ([.. rows.Select(r => new NameRecord(r.Id, r.Name, r.CustomerId, r.CustomerName))], total);
    }

    public static async Task<NameRecord?> FindAsync(GroundworkDbContext db, NameKind kind, long id, CancellationToken ct) =>
        await Query(db, kind, null, id).FirstOrDefaultAsync(ct) is { } r ? new NameRecord(r.Id, r.Name, r.CustomerId, r.CustomerName) : null;

    /// <summary>Records with no link of their kind to the current connection, by name, at most <paramref name="max"/>.</summary>
    public static async Task<List<NameRecord>> UnlinkedAsync(GroundworkDbContext db, NameKind kind, long connectionId, int max, CancellationToken ct)
    {
        var linked = kind.Linked();
        var unlinked = db.QboLinks.Where(l => l.ConnectionId == connectionId && l.Kind == linked).Select(l => l.LocalId);
        var rows = await Query(db, kind, null, null, unlinked).Take(max).ToListAsync(ct);
        return [.. rows.Select(r => new NameRecord(r.Id, r.Name, r.CustomerId, r.CustomerName))];
    }

    internal sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long? CustomerId { get; init; }
        public string? CustomerName { get; init; }
    }

    /// <summary>Filtered and ordered per kind before the projection, which EF cannot order by (a location's customer name).</summary>
    private static IQueryable<Row> Query(GroundworkDbContext db, NameKind kind, string? term, long? id = null, IQueryable<long>? except = null)
    {
        switch (kind)
        {
            case NameKind.Customer:
                var customers = db.Customers.AsNoTracking();
                if (term is not null) customers = customers.Where(c => c.Name.ToLower().Contains(term));
                if (id is not null) customers = customers.Where(c => c.Id == id);
                if (except is not null) customers = customers.Where(c => !except.Contains(c.Id));
                return customers.OrderBy(c => c.Name).ThenBy(c => c.Id).Select(c => new Row { Id = c.Id, Name = c.Name });
            case NameKind.Vendor:
                var vendors = db.Vendors.AsNoTracking();
                if (term is not null) vendors = vendors.Where(v => v.Name.ToLower().Contains(term));
                if (id is not null) vendors = vendors.Where(v => v.Id == id);
                if (except is not null) vendors = vendors.Where(v => !except.Contains(v.Id));
                return vendors.OrderBy(v => v.Name).ThenBy(v => v.Id).Select(v => new Row { Id = v.Id, Name = v.Name });
            default:
                var locations = db.Locations.AsNoTracking();
                if (term is not null) locations = locations.Where(l => l.Name.ToLower().Contains(term));
                if (id is not null) locations = locations.Where(l => l.Id == id);
                if (except is not null) locations = locations.Where(l => !except.Contains(l.Id));
                return locations.OrderBy(l => l.Name).ThenBy(l => l.Customer!.Name).ThenBy(l => l.Id)
                    .Select(l => new Row { Id = l.Id, Name = l.Name, CustomerId = l.CustomerId, CustomerName = l.Customer!.Name });
        }
    }
}
