using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Queues Groundwork's payments recorded before QuickBooks was connected (listed in Unsynced Records, with no push queued),
/// each waiting for the documents it pays that are not in QuickBooks yet, named in its reason — the drain lets it go once
/// they are linked, however they get there (Push All, Push selected, one by one) — or due now when all are there already (a
/// reconnect). Not a dismissed payment, nor one made in QuickBooks. Run by the company's <see cref="ICompanySyncGrain"/>, not
/// by the OAuth callback: after a connect, and once per activation (so a restart half-way resumes), one chunk per step,
/// each chunk one commit. Safe to run again at any point: a payment that has a row is never given a second one.
/// </summary>
/// <remarks>Not sealed: tests hold or stop it part-way, to show the callback does not wait for it and a restart loses nothing.</remarks>
public class PaymentsBeforeConnecting(GroundworkDbContext db, UnsyncedRecords unsynced, AppClock clock)
{
    /// <summary>Payments queued per step (and per commit); default 1,000.</summary>
    protected int ChunkSize { get; init; } = 1000;

    /// <summary>Queues the next chunk.</summary>
    /// <returns>Now when a full chunk was queued (more may wait: run again), null when none is left (or there is no connection).</returns>
    public virtual async Task<DateTime?> QueueAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().Select(c => new { c.Id, c.ConnectedBy }).FirstOrDefaultAsync(ct);
        if (connection is null) return null;
        var connectionId = connection.Id;
        var payments = await unsynced.Payments(connectionId).Where(p => !db.QboOutbox.Any(e => e.Kind == LinkedKind.Payment && e.LocalId == p.Id))
            .OrderBy(p => p.Id).Take(ChunkSize)
            .Select(p => new
            {
                p.Id,
                Missing = p.Applications.Where(a => !db.QboLinks.Any(l => l.ConnectionId == connectionId && l.LocalId == a.DocumentId && l.State != QboLinkState.Deleted
                        && ((a.Document!.Kind == DocumentKind.Invoice && l.Kind == LinkedKind.Invoice) || (a.Document.Kind == DocumentKind.Bill && l.Kind == LinkedKind.Bill))))
                    .OrderBy(a => a.Id).Select(a => a.Document!.Number).ToList(),
            }).ToListAsync(ct);
        if (payments.Count == 0) return null;
        var now = clock.UtcNow;
        // Whoever connected is who queued them, as when the callback did it.
        var trigger = connection.ConnectedBy ?? SyncOutbox.Automatic;
        db.QboOutbox.AddRange(payments.Select(p => new QboOutboxEntry
        {
            ConnectionId = connectionId, Kind = LinkedKind.Payment, LocalId = p.Id, Operation = PushOperation.Push, Trigger = trigger, EnqueuedAtUtc = now, DueAtUtc = now,
            WaitCode = p.Missing.Count == 0 ? null : PaymentPusher.WaitDocuments,
            WaitReason = p.Missing.Count == 0 ? null : PaymentPusher.WaitingFor(p.Missing),
        }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return payments.Count == ChunkSize ? now : null;
    }
}
