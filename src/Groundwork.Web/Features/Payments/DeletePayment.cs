using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Payments;

/// <summary>Deletes a payment and re-opens the documents it paid; a payment QuickBooks has is deleted there too (queued with the delete).</summary>
public sealed class DeletePayment(GroundworkDbContext db, DocumentHistory history, QuickBooks.Sync.SyncOutbox outbox) : IUseCase
{
    public async Task<Outcome<Payment>> HandleAsync(long id, CancellationToken ct)
    {
        var payment = await db.Payments.Include(p => p.Applications).ThenInclude(a => a.Document)
            .FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null) return Outcome<Payment>.NotFound($"Payment {id} was not found.");

        foreach (var application in payment.Applications)
        {
            var doc = application.Document!;
            doc.PaidCents -= application.AmountCents;
            history.Move(doc, DocumentRules.StatusAfterPayments(doc), $"Payment of {DocumentMath.Format(application.AmountCents)} deleted");
        }
        await outbox.PaymentDeletedAsync(payment.Id, ct);
        db.Payments.Remove(payment);
        return await SaveChanges.TryAsync(db, payment, "", "", ct);
    }
}
