using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Push All's fast path, run by <see cref="PushEngine"/> for new documents whose names are all linked: they are handed to
/// <see cref="BulkCreator"/>'s lanes (batch requests within QBO's allowances) while the next chunk is planned and the
/// answers are recorded a group at a time.
/// </summary>
public sealed class BulkPush(GroundworkDbContext db, QboCompanyCalls calls, PushPlanner planner, SyncJournal journal, AppClock clock, ITenantContext tenant,
    PushOutcomes outcomes)
{
    /// <summary>
    /// How long one drain step keeps feeding bulk creates (the next chunk planned, and finished ones recorded, while QBO has
    /// the current ones) before it lets the lanes finish and hands the grain back for status changes. Real time: QBO's
    /// allowances are.
    /// </summary>
    public static readonly TimeSpan FeedFor = TimeSpan.FromSeconds(30);

    /// <summary>A new document whose names are all linked and whose create is certain not to have been sent: it can go in bulk.</summary>
    public static bool IsBulk(IGrouping<(LinkedKind Kind, long LocalId), QboOutboxEntry> g, Dictionary<long, PushPlan> plans) =>
        g.Key.Kind is LinkedKind.Invoice or LinkedKind.Bill && g.All(e => e.Operation == PushOperation.Push && !e.Uncertain)
        && plans.TryGetValue(g.Key.LocalId, out var plan) && plan.Finalized && plan.CanPush && plan.Action == "create" && plan.Generation == 0
        && plan.Names.All(n => n.Action == "linked");

    /// <summary>
    /// Creates many documents at once through <see cref="BulkCreator"/> and records them as their results come, a transaction
    /// per group of results. Rows are marked uncertain before their documents are handed over, so a crash mid-way makes the
    /// next attempt look each one up before writing again. While QBO has documents, the next chunk is planned and finished
    /// ones recorded, so QBO's allowances are not left idle while Groundwork reads and writes its own database.
    /// </summary>
    public async Task BulkAsync(QboConnection connection, PushSettings settings, List<(PushPlan Plan, List<QboOutboxEntry> Rows)> work, long lastRowId,
        CancellationToken ct)
    {
        var creator = new BulkCreator(calls, tenant.OrganizationId!.Value);
        var rowsOf = new Dictionary<long, List<QboOutboxEntry>>();
        await HandOverAsync(creator, rowsOf, work, ct);
        // If recording fails, the lanes stop too: what they sent is on rows marked uncertain, looked up before the next write.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var lanes = creator.Start(stop.Token);
        try
        {
            await FeedAndRecordAsync(connection, settings, creator, rowsOf, lastRowId, ct);
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
        await lanes;
    }

    private async Task FeedAndRecordAsync(QboConnection connection, PushSettings settings, BulkCreator creator, Dictionary<long, List<QboOutboxEntry>> rowsOf,
        long lastRowId, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var cancelChecked = started;
        var feeding = true;
        while (true)
        {
            if (feeding && creator.Waiting < PushEngine.Chunk)
            {
                var (next, last, more) = await NextBulkAsync(connection, settings, lastRowId, [.. rowsOf.Keys], ct);
                lastRowId = last;
                if (next.Count > 0) await HandOverAsync(creator, rowsOf, next, ct);
                feeding = more && System.Diagnostics.Stopwatch.GetElapsedTime(started) < FeedFor;
                if (!feeding) creator.Complete();
                continue;
            }
            // Results in groups, so each transaction carries many; sooner when the lanes need more work or have ended, and
            // at least every CancelCheckEvery, so a cancelled run's documents still waiting for a lane are never sent.
            await creator.WaitAsync(RecordEvery, feeding ? PushEngine.Chunk : 0, CancelCheckEvery, ct);
            if (System.Diagnostics.Stopwatch.GetElapsedTime(cancelChecked) >= CancelCheckEvery)
            {
                cancelChecked = System.Diagnostics.Stopwatch.GetTimestamp();
                await WithdrawCancelledAsync(creator, rowsOf, ct);
            }
            var results = creator.TakeResults();
            if (results.Count > 0)
            {
                await RecordAsync(connection, rowsOf, results, ct);
                foreach (var result in results) rowsOf.Remove(result.Plan.DocumentId);
            }
            else if (creator.Finished)
            {
                return;
            }
        }
    }

    /// <summary>Results recorded per transaction while documents are still with QBO.</summary>
    private const int RecordEvery = 100;

    /// <summary>How often a bulk push looks for its runs being cancelled.</summary>
    private static readonly TimeSpan CancelCheckEvery = TimeSpan.FromSeconds(1);

    /// <summary>Documents of a cancelled run that no lane has taken yet are taken back and their rows dropped, as Cancel drops waiting rows.</summary>
    private async Task WithdrawCancelledAsync(BulkCreator creator, Dictionary<long, List<QboOutboxEntry>> rowsOf, CancellationToken ct)
    {
        var runs = rowsOf.Values.SelectMany(rows => rows).Select(r => r.RunId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (runs.Count == 0 || creator.Waiting == 0) return;
        var cancelled = (await db.PushRuns.AsNoTracking().Where(r => runs.Contains(r.Id) && r.State == PushRunState.Cancelled).Select(r => r.Id).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        if (cancelled.Count == 0) return;
        var withdrawn = creator.Withdraw(plan => rowsOf[plan.DocumentId].All(r => r.RunId is { } run && cancelled.Contains(run)));
        if (withdrawn.Count == 0) return;
        var rowIds = withdrawn.SelectMany(plan => rowsOf[plan.DocumentId]).Select(r => r.Id).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await PushRuns.DropAsync(db, db.QboOutbox.Where(e => rowIds.Contains(e.Id)), ct);
            await tx.CommitAsync(ct);
        }
        foreach (var plan in withdrawn) rowsOf.Remove(plan.DocumentId);
    }

    private async Task HandOverAsync(BulkCreator creator, Dictionary<long, List<QboOutboxEntry>> rowsOf, List<(PushPlan Plan, List<QboOutboxEntry> Rows)> work,
        CancellationToken ct)
    {
        await MarkUncertainAsync(work, ct);
        foreach (var (plan, rows) in work) rowsOf[plan.DocumentId] = rows;
        creator.Add(work.Select(w => w.Plan));
    }

    /// <summary>
    /// The next chunk's documents that can go in bulk, planned now: rows after <paramref name="afterRowId"/>, never a document
    /// still with QBO (its other rows wait for the next drain step, which sees its link). The rest of the chunk waits too.
    /// </summary>
    private async Task<(List<(PushPlan Plan, List<QboOutboxEntry> Rows)> Work, long LastRowId, bool More)> NextBulkAsync(QboConnection connection,
        PushSettings settings, long afterRowId, HashSet<long> inFlight, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var due = await db.QboOutbox.AsNoTracking().Where(e => e.DueAtUtc <= now && e.Id > afterRowId).OrderBy(e => e.Id).Take(PushEngine.Chunk).ToListAsync(ct);
        if (due.Count == 0) return ([], afterRowId, false);
        var groups = due.GroupBy(e => (e.Kind, e.LocalId))
            .Where(g => g.Key.Kind is LinkedKind.Invoice or LinkedKind.Bill && !inFlight.Contains(g.Key.LocalId) && g.All(e => e.Operation == PushOperation.Push && !e.Uncertain))
            .ToList();
        if (groups.Count == 0) return ([], due[^1].Id, due.Count == PushEngine.Chunk);
        var plans = await planner.PlanAsync(connection, settings, groups.Select(g => g.Key.LocalId).ToList(), ct);
        var work = groups.Where(g => IsBulk(g, plans)).Select(g => (plans[g.Key.LocalId], g.ToList())).ToList();
        return (work, due[^1].Id, due.Count == PushEngine.Chunk);
    }

    private async Task MarkUncertainAsync(List<(PushPlan Plan, List<QboOutboxEntry> Rows)> work, CancellationToken ct)
    {
        var rowIds = work.SelectMany(w => w.Rows).Select(r => r.Id).ToList();
        await db.QboOutbox.Where(e => rowIds.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, true), ct);
    }

    /// <summary>Each finished document counted once on each run its rows belonged to: done when QBO's total agreed, failed when not.</summary>
    private async Task CountAsync(List<QboOutboxEntry> finished, Dictionary<long, string?> runs, Dictionary<long, bool> agreed, CancellationToken ct)
    {
        var counts = new Dictionary<string, (int Done, int Failed)>(StringComparer.Ordinal);
        foreach (var (run, documentId) in finished.Select(r => (Run: runs.GetValueOrDefault(r.Id), r.LocalId)).Where(x => x.Run is not null).Distinct())
        {
            var (done, notDone) = counts.GetValueOrDefault(run!);
            counts[run!] = agreed[documentId] ? (done + 1, notDone) : (done, notDone + 1);
        }
        foreach (var (run, (done, notDone)) in counts) await PushRuns.CountAsync(db, run, done, notDone, ct);
    }

    /// <summary>Links, sync states, log entries and run counts for these results, with their rows removed, in one transaction.</summary>
    private async Task RecordAsync(QboConnection connection, Dictionary<long, List<QboOutboxEntry>> rowsOf, List<BulkResult> results, CancellationToken ct)
    {
        var documentIds = results.Select(r => r.Plan.DocumentId).ToList();
        // Sync rows by document and run counts added up: a lookup through Local per document ran DetectChanges over the whole chunk each time.
        // (Each single create has its own intuit_tid, so a statement per state would be a statement per document.)
        var syncs = await db.DocumentSyncs.Where(s => documentIds.Contains(s.DocumentId)).ToDictionaryAsync(s => s.DocumentId, ct);
        // Links and log lines written a few statements per hundred, not tracked and saved one by one.
        var links = new List<QboLink>(results.Count);
        var log = new List<QboSyncLogEntry>(results.Count);
        var agreed = new Dictionary<long, bool>();
        var finished = new List<QboOutboxEntry>();
        var failed = new List<BulkResult>();
        var now = clock.UtcNow;
        foreach (var result in results)
        {
            if (result.Saved is not { } saved)
            {
                failed.Add(result);
                continue;
            }
            var plan = result.Plan;
            var kind = SyncOutbox.LinkKind(plan.Kind);
            var link = new QboLink { ConnectionId = connection.Id, Kind = kind, LocalId = plan.DocumentId, Source = QboLinkSource.Created, SyncToken = saved.SyncToken };
            link.PointAt(plan.Entity, saved.Id!, saved.DocNumber ?? plan.Number);
            links.Add(link);
            log.Add(journal.Entry(kind, plan.DocumentId, plan.Number, rowsOf[plan.DocumentId][^1].Trigger, "create", plan.Entity, result.RequestId, SyncResult.Succeeded,
                saved.Id, saved.SyncToken, result.IntuitTid));
            var agrees = saved.TotalAmt is not { } total || total == plan.Total;
            DocumentSyncs.Apply(DocumentSyncs.Tracked(db, syncs, connection.Id, plan.DocumentId), connection.Id, agrees ? SyncState.Synced : SyncState.NeedsAttention,
                agrees ? null : DocumentPusher.TotalMismatchMessage(saved.TotalAmt ?? 0, plan.Total), agrees ? null : PushChecks.TotalMismatch, result.IntuitTid, now, null);
            finished.AddRange(rowsOf[plan.DocumentId]);
            agreed[plan.DocumentId] = agrees;
        }
        foreach (var row in documentIds.SelectMany(id => rowsOf[id])) db.Entry(row).State = EntityState.Detached;
        var finishedIds = finished.Select(r => r.Id).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await PushRuns.LockAsync(db, finishedIds, ct);
            await db.SaveChangesAsync(ct);
            await BulkInsert.InsertAsync(db, links, ct);
            await BulkInsert.InsertAsync(db, log, ct);
            // The runs as the database has them now: a Push All may have taken a row into its run while its document was with QBO.
            var runs = await PushRuns.TakeAsync(db, finishedIds, ct);
            await CountAsync(finished, runs, agreed, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        foreach (var result in failed)
        {
            await outcomes.FailedAsync(connection, await outcomes.Reload(rowsOf[result.Plan.DocumentId], ct), result.Error!, ct);
        }
    }
}
