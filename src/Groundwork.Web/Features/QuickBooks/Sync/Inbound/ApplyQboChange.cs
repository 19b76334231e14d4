using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// A linked invoice, credit memo or bill as QBO has it now, applied to its Groundwork document: credit applied to a credit
/// memo → its negative invoice settled (invoices and bills are paid by payment records: <see cref="ApplyQboPayment"/>), a void → Void, a delete → "Deleted in QuickBooks" with the link kept as
/// Deleted, edited amounts → drift flagged and neither side changed. QBO's facts, not a person's input: they do not pass
/// the user-input rules (QuickBooks may pay a document Groundwork thinks is closed). History and log say the change came
/// from QuickBooks. Nothing here queues a push, so nothing echoes back.
/// </summary>
public sealed class ApplyQboChange(GroundworkDbContext db, DocumentHistory history, SyncJournal journal, AppClock clock, DocumentDrift drift,
    QboCreditMemoRecorder creditMemos) : IUseCase
{
    public const string DriftProblem = "drift";
    public const string DeletedProblem = "deleted-in-quickbooks";
    public const string DriftClearedOperation = "drift-cleared";
    public const string DriftClearedMessage = "QuickBooks' record agrees with Groundwork's again: no longer flagged as changed in QuickBooks.";

    /// <summary>Applies one change and saves; returns what happened, for the event's outcome.</summary>
    public async Task<string> HandleAsync(long connectionId, QboChange change, CancellationToken ct)
    {
        if (!QboEntities.IsDocument(change.Entity)) return "ignored: not a document";
        var identity = Identity(change.Entity, change.Id);
        var link = await db.QboLinks.FirstOrDefaultAsync(
            l => l.ConnectionId == connectionId && l.QboIdentity == identity && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill), ct);
        // A credit memo made in QuickBooks is linked to nothing yet: it waits for its offsetting negative invoice.
        if (link is null) return change.Entity == QboEntities.CreditMemo ? await creditMemos.RecordAsync(connectionId, change, ct) : "ignored: not linked";
        if (AsLastSeen(link.State, link.SyncToken, change)) return Unchanged;
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == link.LocalId, ct);
        if (document is null) return "ignored: no document";
        if (link.State == QboLinkState.Deleted) return "ignored: deleted in QuickBooks before";
        var outcome = change.Current is { } current ? await CurrentAsync(link, document, change, current, ct) : await DeletedAsync(link, document, change, ct);
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private async Task<string> DeletedAsync(QboLink link, Document document, QboChange change, CancellationToken ct)
    {
        link.State = QboLinkState.Deleted;
        // Groundwork's own void of a negative invoice deletes its credit memo: that delete is expected, not news.
        if (DocumentRules.IsClosedUnpaid(document)) return "applied: link closed (void in Groundwork)";
        var source = Source(change);
        history.Record(document, document.Status, document.Status, $"Deleted in QuickBooks ({source})", DocumentHistory.QuickBooks);
        var message = $"Deleted in QuickBooks ({source}). Push it again to create a new {change.Entity} there; the deleted one is not restored.";
        await DocumentSyncs.SetAsync(db, link.ConnectionId, document.Id, SyncState.DeletedInQuickBooks, message, DeletedProblem, null, clock.UtcNow, ct);
        journal.Add(link.Kind, document.Id, document.Number, DocumentHistory.QuickBooks, "deleted", change.Entity, null, SyncResult.Succeeded, change.Id,
            code: DeletedProblem, message: message);
        return "applied: deleted in QuickBooks";
    }

    private async Task<string> CurrentAsync(QboLink link, Document document, QboChange change, QboTransaction current,
        CancellationToken ct)
    {
        link.SyncToken = current.SyncToken ?? link.SyncToken;
        if (DocumentRules.IsClosedUnpaid(document) || !DocumentRules.IsFinalized(document)) return "unchanged: void in Groundwork";
        var qbo = QboDocumentFacts.Read(current);
        var source = Source(change);
        if (qbo.Voided)
        {
            document.PaidCents = await Payments.PaymentTotals.PaidCentsAsync(db, document.Id, ct);
            history.Move(document, DocumentStatus.Void, $"Voided in QuickBooks ({source})", DocumentHistory.QuickBooks);
            await DocumentSyncs.SetAsync(db, link.ConnectionId, document.Id, SyncState.Synced, "Voided in QuickBooks.", null, null, clock.UtcNow, ct);
            journal.Add(link.Kind, document.Id, document.Number, DocumentHistory.QuickBooks, "voided", change.Entity, null, SyncResult.Succeeded, change.Id,
                current.SyncToken, message: $"Voided in QuickBooks: {DocumentRules.Noun(document.Kind)} {document.Number} is now Void.");
            return "applied: Void";
        }
        var outcome = "unchanged";
        // An invoice or bill is paid by its payment records (ApplyQboPayment keeps QuickBooks' as records), so its balance
        // here only shows whether the two sides agree. A credit memo is settled by credit applied in QuickBooks, which
        // Groundwork keeps no record of: its negative invoice still follows QBO's remaining credit.
        if (qbo.PaidCents is not null && link.QboType == QboEntities.CreditMemo)
        {
            var paid = QboDocumentFacts.GroundworkPaid(document, qbo, 0);
            if (paid != document.PaidCents) outcome = Paid(link, document, change, current, paid, source);
        }
        else if (qbo.PaidCents is { } qboPaid && qboPaid != document.PaidCents)
        {
            outcome = $"unchanged: QuickBooks shows {DocumentMath.Format(qboPaid)} paid, Groundwork's payments {DocumentMath.Format(document.PaidCents)}";
        }
        await DriftAsync(link, document, qbo, change, current, ct);
        return outcome;
    }

    private string Paid(QboLink link, Document document, QboChange change, QboTransaction current, long paid, string source)
    {
        var before = document.Status;
        document.PaidCents = paid;
        var target = DocumentRules.StatusAfterPayments(document);
        var note = $"{DocumentMath.Format(Math.Abs(paid))} of {DocumentMath.Format(Math.Abs(document.TotalCents))} paid, per QuickBooks ({source})";
        if (target == before) history.Record(document, before, before, note, DocumentHistory.QuickBooks);
        else history.Move(document, target, note, DocumentHistory.QuickBooks);
        journal.Add(link.Kind, document.Id, document.Number, DocumentHistory.QuickBooks, "payment", change.Entity, null, SyncResult.Succeeded, change.Id,
            current.SyncToken, message: $"{note}: now {target}.");
        return $"applied: {target}";
    }

    /// <summary>
    /// Flags QBO's edits (total, lines, customer or vendor: <see cref="DocumentDrift"/>; once, the user decides which version
    /// wins), and clears the flag, with a log line, when both agree again. Not while a push of the document waits: QBO is
    /// about to get Groundwork's version, and the push checks it.
    /// </summary>
    private async Task DriftAsync(QboLink link, Document document, QboDocumentState qbo, QboChange change, QboTransaction current, CancellationToken ct)
    {
        var sync = await db.DocumentSyncs.FirstOrDefaultAsync(s => s.DocumentId == document.Id, ct);
        // Queued, retrying, or held back by pre-flight: Groundwork's own change has not reached QBO, so a difference is not news.
        if (sync is { State: not SyncState.Synced, Problem: not DriftProblem } || await db.QboOutbox.AnyAsync(e => e.Kind == link.Kind && e.LocalId == document.Id, ct)) return;
        if (await drift.MessageAsync(document.Id, current, qbo, ct) is { } message)
        {
            if (sync?.Problem == DriftProblem && sync.Message == message) return;
            await DocumentSyncs.SetAsync(db, link.ConnectionId, document.Id, SyncState.NeedsAttention, message, DriftProblem, null, clock.UtcNow, ct);
            journal.Add(link.Kind, document.Id, document.Number, DocumentHistory.QuickBooks, "drift", change.Entity, null, SyncResult.Succeeded, change.Id,
                link.SyncToken, code: DriftProblem, message: message);
        }
        else if (sync?.Problem == DriftProblem)
        {
            await DocumentSyncs.SetAsync(db, link.ConnectionId, document.Id, SyncState.Synced, null, null, null, clock.UtcNow, ct);
            journal.Add(link.Kind, document.Id, document.Number, DocumentHistory.QuickBooks, DriftClearedOperation, change.Entity, null, SyncResult.Succeeded,
                change.Id, link.SyncToken, message: DriftClearedMessage);
        }
    }

    /// <summary>Which of these QBO documents (<c>Entity:Id</c>) are linked to a Groundwork document: the only ones worth reading.</summary>
    public async Task<HashSet<string>> LinkedAsync(long connectionId, IReadOnlyCollection<string> identities, CancellationToken ct) =>
        (await db.QboLinks.Where(l => l.ConnectionId == connectionId && identities.Contains(l.QboIdentity!) && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill))
            .Select(l => l.QboIdentity!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    public static string Identity(string entity, string id) => $"{entity}:{id}";

    private const string Unchanged = "unchanged: as Groundwork last wrote or read it";

    /// <summary>
    /// QBO gives every change of a record a new SyncToken (a payment applied to a document included), so a record whose token
    /// is the one its link keeps is exactly as Groundwork last wrote or read it: the echo of Groundwork's own push, which CDC
    /// reports by the thousand after a Push All. Nothing to apply.
    /// </summary>
    private static bool AsLastSeen(QboLinkState state, string? linkToken, QboChange change) =>
        state == QboLinkState.Active && linkToken is not null && change.Current?.SyncToken == linkToken;

    /// <summary>Of <paramref name="changes"/>, the documents exactly as Groundwork last wrote or read them (read in one query per 500).</summary>
    public async Task<HashSet<string>> AsLastSeenAsync(long connectionId, IReadOnlyList<QboChange> changes, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byIdentity = changes.Where(c => QboEntities.IsDocument(c.Entity) && c.Current is not null)
            .GroupBy(c => Identity(c.Entity, c.Id), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        foreach (var chunk in byIdentity.Keys.Chunk(500))
        {
            var links = await db.QboLinks.AsNoTracking()
                .Where(l => l.ConnectionId == connectionId && chunk.Contains(l.QboIdentity!) && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill))
                .Select(l => new { l.QboIdentity, l.State, l.SyncToken }).ToListAsync(ct);
            foreach (var link in links.Where(l => AsLastSeen(l.State, l.SyncToken, byIdentity[l.QboIdentity!]))) seen.Add(link.QboIdentity!);
        }
        return seen;
    }

    /// <summary>The QBO record, for notes: its entity and id.</summary>
    private static string Source(QboChange change) => $"QuickBooks {change.Entity} id {change.Id}";
}
