using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// How a push attempt ends for its outbox rows, one rule for the single and the bulk path: rows removed and counted on their
/// runs, or rescheduled with backoff when QBO did not answer, or the refusal shown with QBO's code and intuit_tid.
/// </summary>
public sealed class PushOutcomes(GroundworkDbContext db, SyncJournal journal, AppClock clock, SyncMetrics metrics, SyncPauses pauses)
{
    /// <summary>Waits between attempts after QBO did not answer; then every hour; flagged after <see cref="MaxAttempts"/>.</summary>
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];
    public const int MaxAttempts = 8;

    public async Task<List<QboOutboxEntry>> Reload(List<QboOutboxEntry> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        return await db.QboOutbox.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
    }

    /// <summary>QBO refused (a validation fault: shown with its code and intuit_tid) or did not answer (retried later).</summary>
    public async Task FailedAsync(QboConnection connection, List<QboOutboxEntry> rows, QboException ex, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var entry = rows[^1];
        var transient = ex.StatusCode is null || (int)ex.StatusCode >= 500 || ex.StatusCode == System.Net.HttpStatusCode.TooManyRequests;
        var attempts = rows.Max(r => r.Attempts) + 1;
        var isDocument = entry.Kind is LinkedKind.Invoice or LinkedKind.Bill;
        // A refusal is logged as such: QBO keeps its answer for the requestid, so a document's next write after one needs a new id.
        journal.Failed(entry.Kind, entry.LocalId, null, entry.Trigger, transient ? "push" : DocumentPusher.RefusedOperation, null, null, ex);
        var qboCode = $"qbo-{ex.Fault.Code ?? (ex.StatusCode is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}";
        if (transient && attempts < MaxAttempts)
        {
            var retryAt = clock.UtcNow + Backoff[Math.Min(attempts - 1, Backoff.Length - 1)];
            foreach (var row in rows)
            {
                row.Attempts = attempts;
                row.DueAtUtc = retryAt;
                row.Uncertain |= ex.IsOutcomeUnknown || (int?)ex.StatusCode >= 500;
            }
            if (isDocument)
            {
                await DocumentSyncs.SetAsync(db, connection.Id, entry.LocalId, SyncState.Retrying, $"QuickBooks did not answer ({SyncJournal.Describe(ex)}); retrying.",
                    qboCode, ex.IntuitTid, clock.UtcNow, ct, retryAt);
            }
            await db.SaveChangesAsync(ct);
            metrics.Pushed(entry.Kind, SyncState.Retrying);
            return;
        }
        if (entry.Kind == LinkedKind.Payment)
        {
            // A payment QuickBooks refused stays listed with QBO's words (a document shows them on its sync state instead).
            foreach (var row in rows)
            {
                row.WaitCode = PaymentPusher.Refused;
                row.WaitReason = DocumentSyncs.Clip(transient
                    ? $"QuickBooks did not answer after {attempts} tries (intuit_tid {ex.IntuitTid ?? "none"}); delete the payment and record it again, or record it in QuickBooks."
                    : $"QuickBooks refused it: {SyncJournal.Describe(ex)} (code {ex.Fault.Code ?? "none"}, intuit_tid {ex.IntuitTid ?? "none"}).", 1000);
            }
            await db.SaveChangesAsync(ct);
            metrics.Pushed(entry.Kind, SyncState.NeedsAttention);
            return;
        }
        if (isDocument)
        {
            var message = transient
                ? $"QuickBooks did not answer after {attempts} tries (intuit_tid {ex.IntuitTid ?? "none"}). Push it again."
                : $"QuickBooks refused it: {SyncJournal.Describe(ex)} (code {ex.Fault.Code ?? "none"}, intuit_tid {ex.IntuitTid ?? "none"}).";
            await DocumentSyncs.SetAsync(db, connection.Id, entry.LocalId, SyncState.NeedsAttention, message, qboCode, ex.IntuitTid, clock.UtcNow, ct);
        }
        await FinishAsync(rows, false, ct);
        metrics.Pushed(entry.Kind, SyncState.NeedsAttention);
    }

    /// <summary>Removes the rows and counts them on their runs; saved together with everything the push wrote locally.</summary>
    public async Task FinishAsync(List<QboOutboxEntry> rows, bool succeeded, CancellationToken ct)
    {
        foreach (var row in rows) db.Entry(row).State = EntityState.Unchanged;
        var ids = rows.Select(r => r.Id).ToList();
        // One transaction: what the push wrote locally, the rows' removal and the runs' counts. A cancel may have removed a
        // row already; a Push All may have taken one into its run while it was pushed (so the runs are read back).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await PushRuns.LockAsync(db, ids, ct);
        await pauses.AtAsync(SyncPauses.DrainRowsLocked, ct);
        await db.SaveChangesAsync(ct);
        var runs = await PushRuns.TakeAsync(db, ids, ct);
        foreach (var run in runs.Values.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            await PushRuns.CountAsync(db, run, succeeded, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var row in rows) db.Entry(row).State = EntityState.Detached;
    }
}
