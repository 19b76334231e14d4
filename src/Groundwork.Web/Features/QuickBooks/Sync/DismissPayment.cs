using System.Globalization;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// A payment QuickBooks refused is kept in Groundwork and marked not to sync: its rows wait as dismissed (the drain skips
/// them, Unsynced Records leaves it out, its sync state says who dismissed it and when) until someone retries it. Nothing
/// is deleted on either side. Refused when QuickBooks may have it after all (a create went unanswered): a retry looks it
/// up first, a dismissal would leave QuickBooks' copy unaccounted for.
/// </summary>
public sealed class DismissPayment(GroundworkDbContext db, SyncJournal journal, AppClock clock, IHttpContextAccessor http) : IUseCase
{
    public async Task<Outcome<PaymentSyncDto>> HandleAsync(long paymentId, CancellationToken ct)
    {
        if (!await db.Payments.AnyAsync(p => p.Id == paymentId, ct)) return Outcome<PaymentSyncDto>.NotFound($"Payment {paymentId} was not found.");
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
        var reason = $"Dismissed by {user} on {clock.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: kept in Groundwork, not sent to QuickBooks. Retry to send it.";
        foreach (var row in rows)
        {
            row.WaitCode = PaymentPusher.Dismissed;
            row.WaitReason = reason;
        }
        journal.Add(LinkedKind.Payment, paymentId, PaymentPusher.Label(paymentId), user, "dismiss", null, null, SyncResult.Succeeded, message: reason);
        await db.SaveChangesAsync(ct);
        return Outcome<PaymentSyncDto>.Ok((await PaymentSyncView.ForAsync(db, [paymentId], ct))[paymentId]);
    }
}
