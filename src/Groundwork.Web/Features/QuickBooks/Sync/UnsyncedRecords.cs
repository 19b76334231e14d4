using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>One finalized document not (or not correctly) in QuickBooks, with the reason.</summary>
public sealed record UnsyncedRow(long DocumentId, DocumentKind Kind, string Number, string? Party, DateOnly IssueDate, long TotalCents, string State,
    string Reason, string? Problem);

/// <summary>
/// Unsynced Records: every finalized document that is not in QuickBooks (made before connecting, failed, or waiting), and
/// every synced one whose last push needs attention. One query, so the page, its count in the navigation and Push All agree.
/// </summary>
public sealed class UnsyncedRecords(GroundworkDbContext db) : IUseCase
{
    public const string BeforeConnecting = "Not pushed yet: finalized before QuickBooks was connected, or never pushed.";

    public IQueryable<Document> Query(long connectionId) =>
        db.Documents.AsNoTracking().Where(DocumentRules.Finalized)
            .Where(d => !db.QboLinks.Any(l => l.ConnectionId == connectionId && l.LocalId == d.Id
                        && ((d.Kind == DocumentKind.Invoice && l.Kind == LinkedKind.Invoice) || (d.Kind == DocumentKind.Bill && l.Kind == LinkedKind.Bill)))
                || db.DocumentSyncs.Any(s => s.DocumentId == d.Id && s.State != SyncState.Synced));

    public async Task<int> CountAsync(CancellationToken ct) =>
        await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct) is { } id ? await Query(id).CountAsync(ct) : 0;

    public async Task<Outcome<PageOf<UnsyncedRow>>> ListAsync(ListQuery query, CancellationToken ct)
    {
        var connection = await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<PageOf<UnsyncedRow>>.NotFound("QuickBooks is not connected.");
        var rows = Query(connection.Value);
        if (query.Term?.ToLower() is { } t)
        {
            rows = rows.Where(d => d.Number.ToLower().Contains(t) || (d.Customer != null && d.Customer.Name.ToLower().Contains(t))
                || (d.Vendor != null && d.Vendor.Name.ToLower().Contains(t)));
        }
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderBy(d => d.Id).Skip(query.Skip).Take(query.SafePageSize)
            .Select(d => new
            {
                d.Id, d.Kind, d.Number, Party = d.Kind == DocumentKind.Invoice ? d.Customer!.Name : d.Vendor!.Name, d.IssueDate, d.TotalCents,
                Sync = db.DocumentSyncs.Where(s => s.DocumentId == d.Id).Select(s => new { s.State, s.Message, s.Problem }).FirstOrDefault(),
            }).ToListAsync(ct);
        var items = page.Select(d => new UnsyncedRow(d.Id, d.Kind, d.Number, d.Party, d.IssueDate, d.TotalCents,
            DocumentSyncView.Camel(d.Sync?.State ?? SyncState.NotSynced), d.Sync?.Message ?? (d.Sync?.State == SyncState.Queued ? "Queued: pushing shortly." : BeforeConnecting),
            d.Sync?.Problem)).ToList();
        return Outcome<PageOf<UnsyncedRow>>.Ok(new PageOf<UnsyncedRow>(items, query.SafePage, query.SafePageSize, total));
    }
}
