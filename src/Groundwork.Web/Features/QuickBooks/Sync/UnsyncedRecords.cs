using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// One record not (or not correctly) in QuickBooks, with the reason: a finalized document (<paramref name="DocumentId"/>, kind
/// Invoice or Bill), or a payment recorded in Groundwork whose push is pending (<paramref name="PaymentId"/>, kind Payment for one
/// received against invoices, BillPayment for one paid against bills; its number is its reference, its date the payment's,
/// <paramref name="Documents"/> the numbers it pays).
/// </summary>
/// <param name="FixUrl">Payments: where the cause is fixed (the bill payment account, or the document not in QuickBooks yet).</param>
/// <param name="IntuitTid">Payments QuickBooks refused: the refusal's intuit_tid.</param>
/// <remarks>
/// A document not pushed yet (or queued) whose customer, location or vendor name the push would stop at shows that problem up
/// front: <paramref name="Reason"/> its words, <paramref name="Problem"/> its code, <paramref name="FixUrl"/> the names page.
/// </remarks>
public sealed record UnsyncedRow(long? DocumentId, string Kind, string Number, string? Party, DateOnly IssueDate, long TotalCents, string State,
    string Reason, string? Problem, long? PaymentId = null, IReadOnlyList<string>? Documents = null, string? FixUrl = null, string? IntuitTid = null)
{
    /// <summary>The document's kind (invoice or bill); null on a payment row.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DocumentKind? DocumentKindOrNull => DocumentId is null ? null : Enum.Parse<DocumentKind>(Kind);

    /// <summary>The name problem found up front, with its fix (the page's rename button).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PushProblem? NameFix { get; init; }
}

/// <summary>
/// Unsynced Records: every finalized document that is not in QuickBooks (made before connecting, failed, or waiting), every
/// synced one whose last push needs attention, and every payment recorded in Groundwork that is not in QuickBooks (recorded
/// before connecting, queued, retrying, waiting for its documents or the bill payment account, or refused; not one dismissed). Documents first, then
/// payments, each by id. One place, so the page, its count in the navigation and Push All agree.
/// </summary>
public sealed class UnsyncedRecords(GroundworkDbContext db, SyncFixes fixes) : IUseCase
{
    public const string BeforeConnecting = "Not pushed yet: finalized before QuickBooks was connected, or never pushed.";

    public IQueryable<Document> Query(long connectionId) =>
        db.Documents.AsNoTracking().Where(DocumentRules.Finalized)
            .Where(d => !db.QboLinks.Any(l => l.ConnectionId == connectionId && l.LocalId == d.Id
                        && ((d.Kind == DocumentKind.Invoice && l.Kind == LinkedKind.Invoice) || (d.Kind == DocumentKind.Bill && l.Kind == LinkedKind.Bill)))
                || db.DocumentSyncs.Any(s => s.DocumentId == d.Id && s.State != SyncState.Synced));

    /// <summary>
    /// Groundwork's payments not in QuickBooks (not linked to a QBO record) and not dismissed: those with a push pending, and
    /// those recorded before QuickBooks was connected. Never one made in QuickBooks.
    /// </summary>
    public IQueryable<Payment> Payments(long connectionId) =>
        db.Payments.AsNoTracking().Where(p => p.Source == PaymentSource.Groundwork && p.SyncDismissedAtUtc == null
            && !db.QboLinks.Any(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.Payment && l.LocalId == p.Id));

    /// <summary>Payments a person dismissed: kept in Groundwork only, shown apart (not counted) so they can be retried.</summary>
    public IQueryable<Payment> Dismissed() =>
        db.Payments.AsNoTracking().Where(p => p.Source == PaymentSource.Groundwork && p.SyncDismissedAtUtc != null
            && !db.QboLinks.Any(l => l.Kind == LinkedKind.Payment && l.LocalId == p.Id));

    public async Task<int> CountAsync(CancellationToken ct) =>
        await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct) is { } id
            ? await Query(id).CountAsync(ct) + await Payments(id).CountAsync(ct)
            : 0;

    public async Task<Outcome<PageOf<UnsyncedRow>>> ListAsync(ListQuery query, CancellationToken ct)
    {
        var connection = await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<PageOf<UnsyncedRow>>.NotFound("QuickBooks is not connected.");
        var rows = Query(connection.Value);
        var payments = Payments(connection.Value);
        if (query.Term?.ToLower() is { } t)
        {
            rows = rows.Where(d => d.Number.ToLower().Contains(t) || (d.Customer != null && d.Customer.Name.ToLower().Contains(t))
                || (d.Vendor != null && d.Vendor.Name.ToLower().Contains(t)));
            payments = UnsyncedPaymentRows.Matching(payments, t);
        }
        var documentTotal = await rows.CountAsync(ct);
        var total = documentTotal + await payments.CountAsync(ct);
        var page = documentTotal <= query.Skip ? [] : await rows.OrderBy(d => d.Id).Skip(query.Skip).Take(query.SafePageSize)
            .Select(d => new
            {
                d.Id, d.Kind, d.Number, Party = d.Kind == DocumentKind.Invoice ? d.Customer!.Name : d.Vendor!.Name, d.IssueDate, d.TotalCents,
                Sync = db.DocumentSyncs.Where(s => s.DocumentId == d.Id).Select(s => new { s.State, s.Message, s.Problem }).FirstOrDefault(),
            }).ToListAsync(ct);
        // Not pushed yet, or queued: a name the push would stop at is said now (the pre-flight's words and rename), not after it fails.
        var names = await fixes.NamesAsync([.. page.Where(d => d.Sync is null || d.Sync.State is SyncState.NotSynced or SyncState.Queued).Select(d => d.Id)], ct);
        var items = page.Select(d => names.GetValueOrDefault(d.Id) is { } name
            ? new UnsyncedRow(d.Id, d.Kind.ToString(), d.Number, d.Party, d.IssueDate, d.TotalCents, DocumentSyncView.Camel(d.Sync?.State ?? SyncState.NotSynced),
                name.Message, name.Code, FixUrl: name.FixUrl) { NameFix = name }
            : new UnsyncedRow(d.Id, d.Kind.ToString(), d.Number, d.Party, d.IssueDate, d.TotalCents,
                DocumentSyncView.Camel(d.Sync?.State ?? SyncState.NotSynced), d.Sync?.Message ?? (d.Sync?.State == SyncState.Queued ? "Queued: pushing shortly." : BeforeConnecting),
                d.Sync?.Problem)).ToList();
        // Payments fill the page after the documents: their offset counts from the end of the documents.
        var room = query.SafePageSize - items.Count;
        if (room > 0 && total > documentTotal)
        {
            items.AddRange(await UnsyncedPaymentRows.PageAsync(db, payments, Math.Max(0, query.Skip - documentTotal), room, ct));
        }
        return Outcome<PageOf<UnsyncedRow>>.Ok(new PageOf<UnsyncedRow>(items, query.SafePage, query.SafePageSize, total));
    }
}
