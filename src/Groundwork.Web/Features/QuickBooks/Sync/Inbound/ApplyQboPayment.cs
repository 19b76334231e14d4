using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// A QBO Payment or BillPayment as QBO has it now, kept as one Groundwork payment: one made in QuickBooks and applied to
/// linked documents becomes a payment record (source QuickBooks) linked to it; a change there changes its applications; a
/// delete, a void, or an unapply of everything Groundwork knows removes it. Each document's paid amount is the sum of its
/// applications, so its status follows. Never both: Groundwork's own payment comes back recognized by its link, or by its
/// marker before the link is written. QBO's facts skip the user-input rules (QuickBooks may overpay, or pay a document
/// Groundwork thinks is closed: applied and shown). History and log say QuickBooks did it; nothing here queues a push.
/// </summary>
public sealed class ApplyQboPayment(GroundworkDbContext db, DocumentHistory history, SyncJournal journal, AppClock clock) : IUseCase
{
    public async Task<string> HandleAsync(long connectionId, QboChange change, CancellationToken ct)
    {
        if (!QboEntities.IsPayment(change.Entity)) return "ignored: not a payment";
        var identity = ApplyQboChange.Identity(change.Entity, change.Id);
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connectionId && l.QboIdentity == identity && l.Kind == LinkedKind.Payment, ct);
        var source = $"QuickBooks {change.Entity} id {change.Id}";
        var kind = change.Current is QboBillPayment ? DocumentKind.Bill : DocumentKind.Invoice;
        var facts = QboPaymentFacts.Read(change.Current, change.Current is null ? new Dictionary<string, long>() : await LinkedAsync(connectionId, kind, change.Current, ct));
        if (facts.Gone is "deleted" or "voided")
        {
            if (link is null) return "ignored: not linked";
            return await RemoveAsync(link, facts.Gone, source, ct);
        }
        var current = change.Current!;
        var applied = facts.Applied;
        if (link is null)
        {
            if (QboPaymentFacts.MarkedPaymentId(current.PrivateNote) is { } ours)
            {
                // Groundwork's own payment, seen before its push wrote the link (an answer lost): linked, never recorded twice.
                if (!await db.Payments.AnyAsync(p => p.Id == ours, ct)) return $"ignored: Groundwork's payment {ours}, deleted in Groundwork";
                if (await db.QboLinks.AnyAsync(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.Payment && l.LocalId == ours, ct)) return "ignored: another link";
                link = new QboLink { ConnectionId = connectionId, Kind = LinkedKind.Payment, LocalId = ours, Source = QboLinkSource.Created };
                link.PointAt(change.Entity, change.Id, QboPaymentFacts.Reference(current) ?? PaymentPusher.Label(ours));
                db.QboLinks.Add(link);
            }
            else if (applied.Count == 0)
            {
                return "ignored: applies to no linked document";
            }
        }
        var payment = link is null ? null : await db.Payments.Include(p => p.Applications).FirstOrDefaultAsync(p => p.Id == link.LocalId, ct);
        if (link is not null && payment is null) return "ignored: deleted in Groundwork (its delete is on its way to QuickBooks)";
        if (link is not null) link.SyncToken = current.SyncToken ?? link.SyncToken;
        if (facts.Gone == "unapplied") return await RemoveAsync(link!, "unapplied", source, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (payment is null)
        {
            payment = new Payment { Kind = kind, Source = PaymentSource.QuickBooks };
            db.Payments.Add(payment);
        }
        if (payment.Source == PaymentSource.QuickBooks)
        {
            payment.Date = current.TxnDate ?? DateOnly.FromDateTime(clock.UtcNow);
            payment.Method = QboPaymentFacts.Method(current);
            payment.Reference = QboPaymentFacts.Reference(current);
        }
        var before = payment.Applications.ToDictionary(a => a.DocumentId, a => a.AmountCents);
        payment.Applications.RemoveAll(a => !applied.ContainsKey(a.DocumentId));
        foreach (var (documentId, cents) in applied)
        {
            if (payment.Applications.FirstOrDefault(a => a.DocumentId == documentId) is { } existing) existing.AmountCents = cents;
            else payment.Applications.Add(new PaymentApplication { DocumentId = documentId, AmountCents = cents });
        }
        // The money QBO says changed hands; part of it may be unapplied (a credit on the customer's account).
        payment.AmountCents = facts.AmountCents;
        var created = payment.Id == 0;
        await db.SaveChangesAsync(ct);
        if (link is null)
        {
            link = new QboLink { ConnectionId = connectionId, Kind = LinkedKind.Payment, LocalId = payment.Id, Source = QboLinkSource.Imported, SyncToken = current.SyncToken };
            link.PointAt(change.Entity, change.Id, payment.Reference ?? PaymentPusher.Label(payment.Id));
            db.QboLinks.Add(link);
        }
        var changed = before.Keys.Union(applied.Keys).Where(d => before.GetValueOrDefault(d) != applied.GetValueOrDefault(d)).ToList();
        var verb = created ? "received" : "changed";
        foreach (var documentId in changed)
        {
            await SettleAsync(documentId, payment, $"Payment of {DocumentMath.Format(applied.GetValueOrDefault(documentId))} {verb} in QuickBooks ({source})", change, ct);
        }
        // Groundwork's own payment coming back as it was sent is no news: nothing logged.
        if (created || changed.Count > 0)
        {
            journal.Add(LinkedKind.Payment, payment.Id, PaymentPusher.Label(payment.Id), DocumentHistory.QuickBooks, created ? "received" : "changed", change.Entity, null,
                SyncResult.Succeeded, change.Id, current.SyncToken, message: $"{DocumentMath.Format(payment.AmountCents)} {verb} in QuickBooks.");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return changed.Count == 0 ? "unchanged" : $"applied: payment {payment.Id} {verb}";
    }

    /// <summary>The payment is gone from QuickBooks (or pays none of Groundwork's documents now): the Groundwork record goes too.</summary>
    private async Task<string> RemoveAsync(QboLink link, string how, string source, CancellationToken ct)
    {
        db.QboLinks.Remove(link);
        var payment = await db.Payments.Include(p => p.Applications).FirstOrDefaultAsync(p => p.Id == link.LocalId, ct);
        if (payment is not null)
        {
            var applications = payment.Applications.ToList();
            db.Payments.Remove(payment);
            foreach (var application in applications)
            {
                await SettleAsync(application.DocumentId, payment, $"Payment of {DocumentMath.Format(application.AmountCents)} {how} in QuickBooks ({source})", null, ct);
            }
            journal.Add(LinkedKind.Payment, payment.Id, PaymentPusher.Label(payment.Id), DocumentHistory.QuickBooks, how, link.QboType, null, SyncResult.Succeeded, link.QboId,
                message: $"{DocumentMath.Format(payment.AmountCents)} {how} in QuickBooks: the payment was removed from Groundwork.");
        }
        await db.SaveChangesAsync(ct);
        return payment is null ? "applied: link removed" : $"applied: payment {payment.Id} removed ({how})";
    }

    /// <summary>
    /// The document's paid amount from its applications (this payment's as it is now in memory, the others' as saved), and
    /// its status with it — unless Groundwork voided, rejected or never finalized it: then the payment is shown, the status kept.
    /// </summary>
    private async Task SettleAsync(long documentId, Payment payment, string note, QboChange? change, CancellationToken ct)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return;
        var mine = db.Entry(payment).State == EntityState.Deleted ? 0 : payment.Applications.Where(a => a.DocumentId == documentId).Sum(a => a.AmountCents);
        var paid = checked(await PaymentTotals.PaidCentsAsync(db, documentId, ct, payment.Id) + mine);
        if (paid == document.PaidCents) return;
        document.PaidCents = paid;
        var status = document.Status;
        var text = $"{note}: {DocumentMath.Format(paid)} of {DocumentMath.Format(document.TotalCents)} paid";
        if (!DocumentRules.IsFinalized(document) || DocumentRules.IsClosedUnpaid(document))
        {
            history.Record(document, status, status, $"{text}; it stays {status} in Groundwork", DocumentHistory.QuickBooks);
        }
        else
        {
            var target = DocumentRules.StatusAfterPayments(document);
            if (paid > document.TotalCents) text += $" — overpaid by {DocumentMath.Format(paid - document.TotalCents)}";
            if (target == status) history.Record(document, status, status, text, DocumentHistory.QuickBooks);
            else history.Move(document, target, text, DocumentHistory.QuickBooks);
        }
        journal.Add(SyncOutbox.LinkKind(document.Kind), document.Id, document.Number, DocumentHistory.QuickBooks, "payment", change?.Entity, null, SyncResult.Succeeded,
            change?.Id, message: $"{text}: now {document.Status}.");
    }

    /// <summary>The QBO ids of the documents it pays that Groundwork has linked (not deleted there) → Groundwork document ids.</summary>
    private async Task<Dictionary<string, long>> LinkedAsync(long connectionId, DocumentKind kind, QboTransaction payment, CancellationToken ct)
    {
        var entity = kind == DocumentKind.Invoice ? QboEntities.Invoice : QboEntities.Bill;
        var identities = QboPaymentFacts.Applied(payment).Keys.Select(id => ApplyQboChange.Identity(entity, id)).ToList();
        var linkKind = SyncOutbox.LinkKind(kind);
        var links = await db.QboLinks.Where(l => l.ConnectionId == connectionId && l.Kind == linkKind && identities.Contains(l.QboIdentity!) && l.State != QboLinkState.Deleted)
            .Select(l => new { l.QboId, l.LocalId }).ToListAsync(ct);
        return links.ToDictionary(l => l.QboId, l => l.LocalId, StringComparer.Ordinal);
    }
}
