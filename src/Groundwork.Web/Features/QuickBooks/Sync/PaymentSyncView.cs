using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>Where a payment stands with QuickBooks: synced (with its QBO record), queued, retrying, waiting (and why), needs attention, not synced.</summary>
public sealed record PaymentSyncDto(string State, string? QboType, string? QboId, string? Message);

/// <summary>Payments' sync states, read together for a list: from their links and their outbox rows.</summary>
public static class PaymentSyncView
{
    public static async Task<Dictionary<long, PaymentSyncDto>> ForAsync(GroundworkDbContext db, IReadOnlyCollection<long> paymentIds, CancellationToken ct)
    {
        var states = new Dictionary<long, PaymentSyncDto>();
        if (!await db.QboConnections.AnyAsync(ct)) return states;
        var ids = paymentIds.ToList();
        var links = await db.QboLinks.AsNoTracking().Where(l => l.Kind == LinkedKind.Payment && ids.Contains(l.LocalId)).ToListAsync(ct);
        var rows = await db.QboOutbox.AsNoTracking().Where(e => e.Kind == LinkedKind.Payment && ids.Contains(e.LocalId)).OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var id in ids)
        {
            var row = rows.LastOrDefault(r => r.LocalId == id && r.WaitCode != null) ?? rows.LastOrDefault(r => r.LocalId == id);
            var link = links.FirstOrDefault(l => l.LocalId == id);
            states[id] = row switch
            {
                { WaitCode: PaymentPusher.Refused } => new("needsAttention", link?.QboType, link?.QboId, row.WaitReason),
                { WaitCode: not null } => new("waiting", link?.QboType, link?.QboId, row.WaitReason),
                { Attempts: > 0 } => new("retrying", link?.QboType, link?.QboId, "QuickBooks did not answer; retrying."),
                not null => new("queued", link?.QboType, link?.QboId, null),
                null when link is not null => new("synced", link.QboType, link.QboId, null),
                _ => new("notSynced", null, null, null),
            };
        }
        return states;
    }
}
