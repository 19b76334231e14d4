using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Where a payment stands with QuickBooks: synced (with its QBO record), queued, retrying, waiting (and why), needs attention,
/// dismissed (kept in Groundwork only), not synced.
/// </summary>
/// <param name="Problem">Why it is held: <c>payment-documents</c>, <c>payment-account</c>, <c>payment-refused</c> (Groundwork's own
/// refusal), <c>qbo-{code}</c> (QuickBooks refused it, or did not answer: <c>qbo-none</c>), <c>payment-dismissed</c>.</param>
/// <param name="IntuitTid">QuickBooks' transaction id of the refusal, for Intuit support.</param>
/// <param name="FixUrl">Where the cause is fixed: the bill payment account setting, or the first document not in QuickBooks yet.</param>
public sealed record PaymentSyncDto(string State, string? QboType, string? QboId, string? Message, string? Problem = null, string? IntuitTid = null,
    string? FixUrl = null);

/// <summary>Payments' sync states, read together for a list: from their links, their outbox rows and (for a refusal) the log.</summary>
public static class PaymentSyncView
{
    /// <summary>A person may send it (again): a Groundwork payment not in QuickBooks and not on its way (waiting, retrying, refused, dismissed, never queued).</summary>
    public static bool CanRetry(string state) => state is "waiting" or "retrying" or "needsAttention" or "dismissed" or "notSynced";

    /// <summary>A person may keep it in Groundwork only: QuickBooks (or Groundwork's own check) refused it.</summary>
    public static bool CanDismiss(string state) => state == "needsAttention";

    public static async Task<Dictionary<long, PaymentSyncDto>> ForAsync(GroundworkDbContext db, IReadOnlyCollection<long> paymentIds, CancellationToken ct)
    {
        var states = new Dictionary<long, PaymentSyncDto>();
        if (!await db.QboConnections.AnyAsync(ct)) return states;
        var ids = paymentIds.ToList();
        var links = await db.QboLinks.AsNoTracking().Where(l => l.Kind == LinkedKind.Payment && ids.Contains(l.LocalId)).ToListAsync(ct);
        var rows = await db.QboOutbox.AsNoTracking().Where(e => e.Kind == LinkedKind.Payment && ids.Contains(e.LocalId)).OrderBy(e => e.Id).ToListAsync(ct);
        var dismissed = await db.Payments.AsNoTracking().Where(p => ids.Contains(p.Id) && p.SyncDismissedAtUtc != null)
            .Select(p => new { p.Id, p.SyncDismissedBy, At = p.SyncDismissedAtUtc!.Value }).ToDictionaryAsync(p => p.Id, ct);
        var refused = rows.Where(r => r.WaitCode == PaymentPusher.Refused).Select(r => r.LocalId).Distinct().ToList();
        var failures = refused.Count == 0 ? [] : (await db.QboSyncLog.AsNoTracking()
            .Where(e => e.Kind == LinkedKind.Payment && refused.Contains(e.LocalId) && e.Result == SyncResult.Failed)
            .Select(e => new { e.Id, e.LocalId, e.Code, e.IntuitTid }).ToListAsync(ct))
            .GroupBy(e => e.LocalId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!);
        var waitingOnDocuments = rows.Where(r => r.WaitCode == PaymentPusher.WaitDocuments).Select(r => r.LocalId).Distinct().ToList();
        var firstMissing = waitingOnDocuments.Count == 0 ? [] : await FirstUnlinkedDocumentAsync(db, waitingOnDocuments, ct);
        foreach (var id in ids)
        {
            var row = rows.LastOrDefault(r => r.LocalId == id && r.WaitCode != null) ?? rows.LastOrDefault(r => r.LocalId == id);
            var link = links.FirstOrDefault(l => l.LocalId == id);
            var failure = failures.GetValueOrDefault(id);
            if (link is null && dismissed.GetValueOrDefault(id) is { } dismissal)
            {
                states[id] = new("dismissed", null, null, DismissPayment.Reason(dismissal.SyncDismissedBy, dismissal.At), PaymentPusher.Dismissed);
                continue;
            }
            states[id] = row switch
            {
                // Refused by QBO: its code from the log (the last failure); Groundwork's own refusal (different customers) has none.
                { WaitCode: PaymentPusher.Refused } => new("needsAttention", link?.QboType, link?.QboId, row.WaitReason,
                    failure is null ? PaymentPusher.Refused : $"qbo-{failure.Code ?? "none"}", failure?.IntuitTid),
                { WaitCode: PaymentPusher.WaitAccount } => new("waiting", link?.QboType, link?.QboId, row.WaitReason, PaymentPusher.WaitAccount, null,
                    PaymentPusher.AccountFixUrl),
                // Its documents have all reached QuickBooks: the next drain step lets it go (PaymentPusher.ReleaseAsync), so it is
                // queued, not still waiting for a document that is there.
                { WaitCode: PaymentPusher.WaitDocuments } when !firstMissing.ContainsKey(id) => new("queued", link?.QboType, link?.QboId, null),
                { WaitCode: not null } => new("waiting", link?.QboType, link?.QboId, row.WaitReason, row.WaitCode, null,
                    firstMissing.TryGetValue(id, out var doc) ? $"/{DocumentRoute.Segment(doc.Kind)}/{doc.Id}" : null),
                { Attempts: > 0 } => new("retrying", link?.QboType, link?.QboId, "QuickBooks did not answer; retrying."),
                not null => new("queued", link?.QboType, link?.QboId, null),
                null when link is not null => new("synced", link.QboType, link.QboId, null),
                _ => new("notSynced", null, null, null),
            };
        }
        return states;
    }

    /// <summary>Per payment, the first document it pays that is not (or no longer) linked to a QBO record: where its wait is fixed.</summary>
    private static async Task<Dictionary<long, (long Id, DocumentKind Kind)>> FirstUnlinkedDocumentAsync(GroundworkDbContext db, List<long> paymentIds,
        CancellationToken ct)
    {
        var unlinked = await db.PaymentApplications.AsNoTracking().Where(a => paymentIds.Contains(a.PaymentId))
            .Where(a => !db.QboLinks.Any(l => l.LocalId == a.DocumentId && l.State != QboLinkState.Deleted
                && ((a.Document!.Kind == DocumentKind.Invoice && l.Kind == LinkedKind.Invoice) || (a.Document.Kind == DocumentKind.Bill && l.Kind == LinkedKind.Bill))))
            .OrderBy(a => a.DocumentId).Select(a => new { a.PaymentId, a.DocumentId, a.Document!.Kind }).ToListAsync(ct);
        return unlinked.GroupBy(a => a.PaymentId).ToDictionary(g => g.Key, g => (g.First().DocumentId, g.First().Kind));
    }
}
