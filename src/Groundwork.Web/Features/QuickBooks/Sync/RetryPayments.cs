using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>What a push did with payments: how many go again, and those that cannot, with why and where that is fixed.</summary>
/// <param name="DocumentIds">Documents the queued payments pay that are not in QuickBooks yet: pushed in the same run, the payments right after.</param>
public sealed record PaymentsPushed(int Queued, IReadOnlyList<PaymentNotPushed> NotQueued, IReadOnlyList<long> DocumentIds);

public sealed record PaymentNotPushed(long PaymentId, string Reason, string? FixUrl = null);

/// <summary>
/// Pushes Groundwork payments again — named ones (Push selected, a row's Retry, also a dismissed one: that clears the
/// dismissal kept on the payment), or every one Unsynced Records lists (Push All, those recorded before connecting too).
/// Their outbox rows are released (wait and attempts cleared, due now; an uncertain mark is kept, so the push looks the
/// payment up by its marker before creating it), or a row is queued for a payment that never had one. A bill payment is
/// not queued while no bill payment account is chosen: it would only wait again. The documents a payment pays that are not in QuickBooks are returned, to push with it.
/// </summary>
public sealed class RetryPayments(GroundworkDbContext db, SyncOutbox outbox, UnsyncedRecords unsynced, AppClock clock, IHttpContextAccessor http) : IUseCase
{
    public const int MaxPayments = 1000;

    public async Task<Outcome<PaymentsPushed>> HandleAsync(IReadOnlyCollection<long>? paymentIds, bool all, CancellationToken ct)
    {
        var ids = paymentIds?.Distinct().ToList() ?? [];
        if (ids.Count > MaxPayments) return Outcome<PaymentsPushed>.Invalid("paymentIds", $"At most {MaxPayments:N0} payments per request; use \"all\": true for more.");
        if (ids.Any(i => i <= 0)) return Outcome<PaymentsPushed>.Invalid("paymentIds", "Payment ids are positive numbers.");
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<PaymentsPushed>.NotFound("QuickBooks is not connected.");
        if (all) ids = await unsynced.Payments(connection.Id).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Include(p => p.Applications).ThenInclude(a => a.Document).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        var missing = ids.Except(payments.Select(p => p.Id)).ToList();
        if (missing.Count > 0) return Outcome<PaymentsPushed>.Invalid("paymentIds", $"No such payment: {string.Join(", ", missing.Take(10))}.");
        var fromQuickBooks = payments.Where(p => p.Source == PaymentSource.QuickBooks).Select(p => p.Id).ToList();
        if (fromQuickBooks.Count > 0)
            return Outcome<PaymentsPushed>.Invalid("paymentIds", $"Made in QuickBooks, so there is nothing to push: payment {string.Join(", ", fromQuickBooks.Take(10))}.");

        var linked = (await db.QboLinks.Where(l => l.ConnectionId == connection.Id && l.Kind == LinkedKind.Payment && ids.Contains(l.LocalId)).Select(l => l.LocalId)
            .ToListAsync(ct)).ToHashSet();
        var documentIds = payments.SelectMany(p => p.Applications).Select(a => a.DocumentId).Distinct().ToList();
        var documentLinks = (await db.QboLinks.Where(l => l.ConnectionId == connection.Id && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill)
            && documentIds.Contains(l.LocalId)).Select(l => new { l.LocalId, l.State }).ToListAsync(ct)).ToDictionary(l => l.LocalId, l => l.State);
        var notQueued = new List<PaymentNotPushed>();
        var queued = new List<long>();
        var toPush = new List<long>();
        foreach (var payment in payments)
        {
            if (linked.Contains(payment.Id))
            {
                notQueued.Add(new(payment.Id, "Already in QuickBooks."));
                continue;
            }
            if (payment.Kind == DocumentKind.Bill && connection.BillPaymentAccountId is null)
            {
                notQueued.Add(new(payment.Id, "Choose the bank or credit card account bills are paid from first (Settings → Integrations → QuickBooks → Bill payments).",
                    PaymentPusher.AccountFixUrl));
                continue;
            }
            var deleted = payment.Applications.Where(a => documentLinks.GetValueOrDefault(a.DocumentId) == QboLinkState.Deleted).ToList();
            if (deleted.Count > 0)
            {
                var first = deleted[0].Document!;
                notQueued.Add(new(payment.Id, $"{string.Join(", ", deleted.Select(a => a.Document!.Number))} was deleted in QuickBooks: re-push it from its page first.",
                    $"/{DocumentRoute.Segment(first.Kind)}/{first.Id}"));
                continue;
            }
            queued.Add(payment.Id);
            toPush.AddRange(payment.Applications.Where(a => !documentLinks.ContainsKey(a.DocumentId) && DocumentRules.IsFinalized(a.Document!)).Select(a => a.DocumentId));
        }
        await ReleaseAsync(connection.Id, queued, ct);
        return Outcome<PaymentsPushed>.Ok(new PaymentsPushed(queued.Count, notQueued, [.. toPush.Distinct()]));
    }

    private async Task ReleaseAsync(long connectionId, List<long> paymentIds, CancellationToken ct)
    {
        if (paymentIds.Count == 0) return;
        var now = clock.UtcNow;
        // Retrying a dismissed payment undoes the dismissal (saved with the rows queued below).
        foreach (var dismissed in await db.Payments.Where(p => paymentIds.Contains(p.Id) && p.SyncDismissedAtUtc != null).ToListAsync(ct))
        {
            dismissed.SyncDismissedAtUtc = null;
            dismissed.SyncDismissedBy = null;
        }
        var released = await db.QboOutbox.Where(e => e.Kind == LinkedKind.Payment && paymentIds.Contains(e.LocalId) && e.Operation == PushOperation.Push)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.WaitCode, (string?)null).SetProperty(e => e.WaitReason, (string?)null)
                .SetProperty(e => e.Attempts, 0).SetProperty(e => e.DueAtUtc, now), ct);
        var withRows = await db.QboOutbox.Where(e => e.Kind == LinkedKind.Payment && paymentIds.Contains(e.LocalId) && e.Operation == PushOperation.Push)
            .Select(e => e.LocalId).Distinct().ToListAsync(ct);
        var trigger = http.HttpContext?.User.Identity?.Name ?? SyncOutbox.Automatic;
        foreach (var id in paymentIds.Except(withRows)) await outbox.AddAsync(connectionId, LinkedKind.Payment, id, PushOperation.Push, trigger, null, ct);
        await db.SaveChangesAsync(ct);
        if (released > 0) await outbox.WakeAsync();
    }
}
