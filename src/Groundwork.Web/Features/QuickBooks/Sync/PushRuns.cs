using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>Run bookkeeping shared by the drain and the API: counting pushed rows and closing runs with nothing left.</summary>
public static class PushRuns
{
    public static Task CountAsync(GroundworkDbContext db, string runId, bool succeeded, CancellationToken ct) =>
        CountAsync(db, runId, succeeded ? 1 : 0, succeeded ? 0 : 1, ct);

    public static async Task CountAsync(GroundworkDbContext db, string runId, int done, int failed, CancellationToken ct)
    {
        var run = db.PushRuns.Local.FirstOrDefault(r => r.Id == runId) ?? await db.PushRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return;
        run.Done += done;
        run.Failed += failed;
    }

    /// <summary>
    /// Removes pushed rows and says which run each belonged to when it was removed, read from the database rather than from
    /// the copy the drain took: a Push All pressed while a row was being pushed may have made it the run's row (rather than
    /// queue the document twice), and that run's count must include it. Inside the caller's transaction, after the caller has
    /// locked the rows (<see cref="LockAsync"/>, first thing in it), so a run taking one at the same moment either comes first
    /// (and is read here) or finds it gone (and queues the document afresh, counting that row).
    /// </summary>
    /// <returns>Row id → its run (null: none), for the rows still there.</returns>
    public static async Task<Dictionary<long, string?>> TakeAsync(GroundworkDbContext db, IReadOnlyCollection<long> rowIds, CancellationToken ct)
    {
        var rows = db.QboOutbox.Where(e => rowIds.Contains(e.Id));
        var runs = await rows.Select(e => new { e.Id, e.RunId }).ToDictionaryAsync(e => e.Id, e => e.RunId, ct);
        await rows.ExecuteDeleteAsync(ct);
        return runs;
    }

    /// <summary>
    /// Locks the rows (PostgreSQL row locks; a no-op update) inside the caller's transaction. The drain takes them first, before
    /// it writes the documents' sync states, in the order a run being started takes rows then states (SyncOutbox.AddRunAsync):
    /// the other order let the two wait on each other until PostgreSQL aborted one (40P01).
    /// </summary>
    public static Task LockAsync(GroundworkDbContext db, IReadOnlyCollection<long> rowIds, CancellationToken ct) =>
        db.QboOutbox.Where(e => rowIds.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.RunId, e => e.RunId), ct);

    /// <summary>
    /// Drops rows of a cancelled run that were never sent: their documents go back to Unsynced Records ("Push cancelled."),
    /// unless another row still queues them. Inside the caller's transaction.
    /// </summary>
    public static async Task DropAsync(GroundworkDbContext db, IQueryable<QboOutboxEntry> rows, CancellationToken ct)
    {
        var dropped = await rows.Select(e => e.LocalId).Distinct().ToListAsync(ct);
        await rows.ExecuteDeleteAsync(ct);
        var stillQueued = await db.QboOutbox.Where(e => dropped.Contains(e.LocalId)).Select(e => e.LocalId).ToListAsync(ct);
        await db.DocumentSyncs.Where(s => dropped.Contains(s.DocumentId) && !stillQueued.Contains(s.DocumentId) && s.State == SyncState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SyncState.NotSynced).SetProperty(x => x.Message, "Push cancelled.").SetProperty(x => x.Problem, (string?)null), ct);
    }

    /// <summary>Runs still marked running whose rows are all pushed (or cancelled) are finished.</summary>
    public static async Task FinishEmptyAsync(GroundworkDbContext db, DateTime now, CancellationToken ct)
    {
        var running = await db.PushRuns.Where(r => r.State == PushRunState.Running).ToListAsync(ct);
        foreach (var run in running)
        {
            if (await db.QboOutbox.AnyAsync(e => e.RunId == run.Id, ct)) continue;
            run.State = PushRunState.Finished;
            run.FinishedAtUtc = now;
            run.RunningKey = null;
        }
        if (running.Count > 0) await db.SaveChangesAsync(ct);
    }
}
