using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// A synced document voided in Groundwork, done in QBO: an invoice is voided (QBO zeroes it and keeps it); a credit memo,
/// which QBO cannot void, is deleted; a bill, which QBO cannot void through its API, is zeroed with a note — what QBO's own
/// “Void” on a bill does — so its number and history stay in the books.
/// </summary>
internal sealed class VoidPusher(GroundworkDbContext db, QboWrites qbo, SyncJournal journal, DateTime now)
{
    public const string BillNote = "QuickBooks cannot void a bill through its API, so Groundwork zeroed it there (amounts 0, marked “Voided in Groundwork”), as QuickBooks' own Void does.";

    public async Task<PushEnd> VoidAsync(QboConnection connection, LinkedKind kind, long documentId, string trigger, CancellationToken ct)
    {
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == kind && l.LocalId == documentId, ct);
        if (link is null)
        {
            // Voided (or rejected) before it was ever pushed: nothing is in QuickBooks, and nothing is sent.
            await DocumentSyncs.SetAsync(db, connection.Id, documentId, SyncState.NotSynced, "Not in QuickBooks: it was voided before it was pushed.", null, null, now, ct);
            return PushEnd.Synced;
        }
        if (link.State == QboLinkState.Deleted)
        {
            // Deleted in QuickBooks already: nothing there to void.
            await DocumentSyncs.SetAsync(db, connection.Id, documentId, SyncState.Synced, "Its QuickBooks record was deleted there; nothing to void.", null, null, now, ct);
            return PushEnd.Synced;
        }
        var number = await db.Documents.Where(d => d.Id == documentId).Select(d => d.Number).FirstOrDefaultAsync(ct) ?? link.QboName ?? "";
        string? tid;
        string? token;
        string requestId;
        string operation;
        string? message = null;
        switch (link.QboType)
        {
            case "Invoice":
                requestId = DocumentPusher.RequestId(documentId, link.Generation, "void");
                var voided = await qbo.VoidAsync<QboInvoice>(link.QboId, link.SyncToken ?? "0", requestId, ct);
                (tid, token, operation) = (voided.IntuitTid, voided.Value.SyncToken, "void");
                break;
            case "CreditMemo":
                requestId = DocumentPusher.RequestId(documentId, link.Generation, "delete");
                var deleted = await qbo.DeleteAsync<QboCreditMemo>(link.QboId, link.SyncToken ?? "0", requestId, ct);
                (tid, token, operation) = (deleted.IntuitTid, null, "delete");
                message = "QuickBooks cannot void a credit memo, so Groundwork deleted it there.";
                break;
            default:
                var current = await qbo.ReadAsync<QboBill>(link.QboId, ct);
                requestId = DocumentPusher.RequestId(documentId, link.Generation, "zero" + current.Value.SyncToken);
                var zeroed = await qbo.UpdateAsync(QboDocumentMapper.ZeroedBill(current.Value, number),
                    t => DocumentPusher.RequestId(documentId, link.Generation, "zero" + t), ct);
                (tid, token, operation) = (zeroed.IntuitTid, zeroed.Value.SyncToken, "zero");
                message = BillNote;
                break;
        }
        link.SyncToken = token ?? link.SyncToken;
        journal.Add(kind, documentId, number, trigger, operation, link.QboType, requestId, SyncResult.Succeeded, link.QboId, token, tid, message: message);
        await DocumentSyncs.SetAsync(db, connection.Id, documentId, SyncState.Synced, message, null, tid, now, ct);
        return PushEnd.Synced;
    }
}

/// <summary>A linked customer, sub-customer or vendor renamed in Groundwork: its QBO DisplayName follows (sparse update).</summary>
internal sealed class RenamePusher(GroundworkDbContext db, QboWrites qbo, SyncJournal journal)
{
    public async Task<PushEnd> RenameAsync(QboConnection connection, LinkedKind kind, long localId, string trigger, CancellationToken ct)
    {
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == kind && l.LocalId == localId, ct);
        var name = kind switch
        {
            LinkedKind.Customer => await db.Customers.Where(c => c.Id == localId).Select(c => c.Name).FirstOrDefaultAsync(ct),
            LinkedKind.Location => await db.Locations.Where(c => c.Id == localId).Select(c => c.Name).FirstOrDefaultAsync(ct),
            LinkedKind.Job => await db.Jobs.Where(c => c.Id == localId).Select(c => c.Name).FirstOrDefaultAsync(ct),
            LinkedKind.Vendor => await db.Vendors.Where(c => c.Id == localId).Select(c => c.Name).FirstOrDefaultAsync(ct),
            _ => null,
        };
        if (link is null || name is null || name == link.QboName) return PushEnd.Synced;
        if (name.Contains(':', StringComparison.Ordinal))
        {
            journal.Add(kind, localId, name, trigger, "check", link.QboType, null, SyncResult.Refused, code: Names.NameProblems.Colon,
                message: $"QuickBooks does not allow a colon (:) in names; “{name}” was not sent. Rename it, e.g. “{Names.NameProblems.WithoutColon(name)}”.");
            return PushEnd.NeedsAttention;
        }
        string requestId(string token) => $"gw-{kind.ToString().ToLowerInvariant()}-{localId}-{link.Generation}-n{token}";
        QboEntity saved;
        string? tid;
        if (kind == LinkedKind.Vendor)
        {
            var current = (await qbo.ReadAsync<QboVendor>(link.QboId, ct)).Value;
            var r = await qbo.UpdateAsync(current with { DisplayName = name }, requestId, ct);
            (saved, tid) = (r.Value, r.IntuitTid);
        }
        else
        {
            var current = (await qbo.ReadAsync<QboCustomer>(link.QboId, ct)).Value;
            var r = await qbo.UpdateAsync(current with { DisplayName = name, FullyQualifiedName = null }, requestId, ct);
            (saved, tid) = (r.Value, r.IntuitTid);
        }
        link.PointAt(link.QboType, link.QboId, name);
        link.SyncToken = saved.SyncToken;
        journal.Add(kind, localId, name, trigger, "update", link.QboType, requestId(saved.SyncToken ?? ""), SyncResult.Succeeded, saved.Id, saved.SyncToken, tid);
        return PushEnd.Synced;
    }
}
