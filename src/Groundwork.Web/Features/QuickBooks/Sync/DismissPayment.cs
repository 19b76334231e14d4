using System.Globalization;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// A payment QuickBooks refused is kept in Groundwork and marked not to sync: the mark (who, when) is on the payment, so
/// removing and reconnecting the integration keeps it, and its outbox rows go (nothing waits for it). Unsynced Records
/// leaves it out and its sync state says who dismissed it and when, until someone retries it (<see cref="RetryPayments"/>
/// clears the mark). Nothing is deleted in QuickBooks. Refused when QuickBooks may have it after all (a create went
/// unanswered): a retry looks it up first, a dismissal would leave QuickBooks' copy unaccounted for.
/// </summary>
public sealed class DismissPayment(GroundworkDbContext db, SyncJournal journal, AppClock clock, IHttpContextAccessor http) : IUseCase
{
    public async Task<Outcome<PaymentSyncDto>> HandleAsync(long paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, ct);
        if (payment is null) return Outcome<PaymentSyncDto>.NotFound($"Payment {paymentId} was not found.");
        var rows = await db.QboOutbox.Where(e => e.Kind == LinkedKind.Payment && e.LocalId == paymentId && e.Operation == PushOperation.Push).ToListAsync(ct);
        if (!rows.Any(r => r.WaitCode == PaymentPusher.Refused))
        {
            var state = (await PaymentSyncView.ForAsync(db, [paymentId], ct)).GetValueOrDefault(paymentId)?.State ?? "notSynced";
            return Outcome<PaymentSyncDto>.Conflict($"Only a payment QuickBooks refused can be dismissed; this one is {state}.");
        }
        if (rows.Any(r => r.Uncertain))
        {
            return Outcome<PaymentSyncDto>.Conflict(
                "QuickBooks may have this payment already (an earlier create went unanswered): retry it, so Groundwork looks it up there first, instead of dismissing it.");
        }
        var user = http.HttpContext?.User.Identity?.Name ?? SyncOutbox.Automatic;
        payment.SyncDismissedAtUtc = clock.UtcNow;
        payment.SyncDismissedBy = DocumentSyncs.Clip(user, 256);
        db.QboOutbox.RemoveRange(rows);
        journal.Add(LinkedKind.Payment, paymentId, PaymentPusher.Label(paymentId), user, "dismiss", null, null, SyncResult.Succeeded, message: Reason(payment.SyncDismissedBy, payment.SyncDismissedAtUtc.Value));
        await db.SaveChangesAsync(ct);
        return Outcome<PaymentSyncDto>.Ok((await PaymentSyncView.ForAsync(db, [paymentId], ct))[paymentId]);
    }

    /// <summary>What a dismissed payment's sync state says.</summary>
    public static string Reason(string? by, DateTime atUtc) =>
        $"Dismissed by {by ?? SyncOutbox.Automatic} on {atUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: kept in Groundwork, not sent to QuickBooks. Retry to send it.";
}
