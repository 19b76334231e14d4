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
        return Outcome<NameLinkPage>.Ok(new NameLinkPage(kind.Slug(), rows, page, pageSize, total, board.Value.RefreshedAtUtc, NameMatch.Rule));
    }
}

/// <summary>The Groundwork side, paged and searched in the database.</summary>
public static class NameRecords
{
    public static async Task<(List<NameRecord> Records, int Total)> PageAsync(GroundworkDbContext db, NameKind kind, string? search, int page, int pageSize,
        CancellationToken ct)
    {
        var query = Query(db, kind);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(r => r.Name.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.Name).ThenBy(r => r.CustomerName).ThenBy(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return ([.. rows.Select(r => new NameRecord(r.Id, r.Name, r.CustomerId, r.CustomerName))], total);
    }

    public static async Task<NameRecord?> FindAsync(GroundworkDbContext db, NameKind kind, long id, CancellationToken ct) =>
        await Query(db, kind).Where(r => r.Id == id).Select(r => new NameRecord(r.Id, r.Name, r.CustomerId, r.CustomerName)).FirstOrDefaultAsync(ct);

    /// <summary>Records with no link of their kind to the current connection, oldest first, at most <paramref name="max"/>.</summary>
    public static async Task<List<NameRecord>> UnlinkedAsync(GroundworkDbContext db, NameKind kind, long connectionId, int max, CancellationToken ct)
    {
        var linked = kind.Linked();
        var rows = await Query(db, kind)
            .Where(r => !db.QboLinks.Any(l => l.ConnectionId == connectionId && l.Kind == linked && l.LocalId == r.Id))
            .OrderBy(r => r.Id).Take(max).ToListAsync(ct);
        return [.. rows.Select(r => new NameRecord(r.Id, r.Name, r.CustomerId, r.CustomerName))];
    }

    internal sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public long? CustomerId { get; init; }
        public string? CustomerName { get; init; }
    }

    private static IQueryable<Row> Query(GroundworkDbContext db, NameKind kind) => kind switch
    {
        NameKind.Customer => db.Customers.AsNoTracking().Select(c => new Row { Id = c.Id, Name = c.Name }),
        NameKind.Vendor => db.Vendors.AsNoTracking().Select(v => new Row { Id = v.Id, Name = v.Name }),
        _ => db.Locations.AsNoTracking().Select(l => new Row { Id = l.Id, Name = l.Name, CustomerId = l.CustomerId, CustomerName = l.Customer!.Name }),
    };
}
