using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// One drain of an organization's outbox, run by its <see cref="ICompanySyncGrain"/>: the due rows in order, a chunk at a
/// time, each record planned (pre-flight) and pushed; then the row is removed, or rescheduled when QBO did not answer.
/// Returns when to drain next: now while rows remain, the next due time, or null when the outbox is empty (or QuickBooks is
/// not connected: reconnecting wakes the grain).
/// </summary>
public sealed class PushEngine(GroundworkDbContext db, QboCompanyCalls calls, PushPlanner planner, QboLists lists, CheckReadiness readiness,
    SyncJournal journal, AppClock clock, ITenantContext tenant, SyncMetrics metrics, SalesTaxCodes taxCodes)
{
    /// <summary>Rows taken per drain step: enough for the bulk lanes to keep QBO's allowances busy.</summary>
    public const int Chunk = 300;

    /// <summary>
    /// How long one drain step keeps feeding bulk creates (the next chunk planned, and finished ones recorded, while QBO has
    /// the current ones) before it lets the lanes finish and hands the grain back for status changes. Real time: QBO's
    /// allowances are.
    /// </summary>
    public static readonly TimeSpan FeedFor = TimeSpan.FromSeconds(30);

    /// <summary>Readiness older than this is checked again before pushing (the tax agency may have been set up meanwhile).</summary>
    public static readonly TimeSpan ReadinessMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>Waits between attempts after QBO did not answer; then every hour; flagged after <see cref="MaxAttempts"/>.</summary>
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];
    public const int MaxAttempts = 8;

    private static readonly QboListType[] NeededLists = [QboListType.Item, QboListType.Class, QboListType.Customer, QboListType.Vendor, QboListType.Employee];

    public async Task<DateTime?> DrainAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null || connection.Status != QboConnectionStatus.Connected) return null;
        var now = clock.UtcNow;
        // Payments whose documents have reached QuickBooks since go now; the rest keep waiting (skipped below).
        await PaymentPusher.ReleaseAsync(db, now, ct);
        var due = await db.QboOutbox.Where(e => e.DueAtUtc <= now && e.WaitCode == null).OrderBy(e => e.Id).Take(Chunk).ToListAsync(ct);
        if (due.Count == 0)
        {
            await PushRuns.FinishEmptyAsync(db, clock.UtcNow, ct);
            return await db.QboOutbox.Where(e => e.WaitCode == null).MinAsync(e => (DateTime?)e.DueAtUtc, ct);
        }
        PushSettings settings;
        try
        {
            settings = await PrepareAsync(connection, ct);
        }
        catch (QboNotConnectedException)
        {
            return null;
        }
        var writes = new QboWrites(calls, tenant.OrganizationId!.Value);
        var names = new NamePusher(db, writes, lists, journal);
        var documents = new DocumentPusher(db, writes, names, journal, now);
        var groups = due.GroupBy(e => (e.Kind, e.LocalId)).ToList();
        var documentIds = groups.Where(g => g.Key.Kind is LinkedKind.Invoice or LinkedKind.Bill && g.Any(e => e.Operation is PushOperation.Push or PushOperation.Repush))
            .Select(g => g.Key.LocalId).ToList();
        var repush = groups.Where(g => g.Any(e => e.Operation == PushOperation.Repush)).Select(g => g.Key.LocalId).ToHashSet();
        var plans = documentIds.Count == 0 ? [] : await planner.PlanAsync(connection, settings, documentIds, ct, repush);
        var bulk = groups.Where(g => IsBulk(g, plans)).ToList();
        if (bulk.Count >= 2)
        {
            try
            {
                await BulkAsync(connection, settings, bulk.Select(g => (plans[g.Key.LocalId], g.ToList())).ToList(), due.Max(e => e.Id), ct);
            }
            catch (QboNotConnectedException)
            {
                // Disconnected mid-push: what QBO answered is recorded, what was sent unanswered stays marked uncertain (looked
                // up before the next write), the rest waits. Reconnecting wakes the company again.
                db.ChangeTracker.Clear();
                return null;
            }
            groups = groups.Except(bulk).ToList();
        }
        foreach (var group in groups)
        {
            var rows = group.ToList();
            var end = await PushRecordAsync(connection, rows, plans, documents, writes, ct);
            if (end is null) return null;
        }
        await PushRuns.FinishEmptyAsync(db, clock.UtcNow, ct);
        return clock.UtcNow;
    }

    /// <summary>A new document whose names are all linked and whose create is certain not to have been sent: it can go in bulk.</summary>
    private static bool IsBulk(IGrouping<(LinkedKind Kind, long LocalId), QboOutboxEntry> g, Dictionary<long, PushPlan> plans) =>
        g.Key.Kind is LinkedKind.Invoice or LinkedKind.Bill && g.All(e => e.Operation == PushOperation.Push && !e.Uncertain)
        && plans.TryGetValue(g.Key.LocalId, out var plan) && plan.Finalized && plan.CanPush && plan.Action == "create" && plan.Generation == 0
        && plan.Names.All(n => n.Action == "linked");

    /// <summary>
    /// Creates many documents at once through <see cref="BulkCreator"/> and records them as their results come, a transaction
    /// per group of results. Rows are marked uncertain before their documents are handed over, so a crash mid-way makes the
    /// next attempt look each one up before writing again. While QBO has documents, the next chunk is planned and finished
    /// ones recorded, so QBO's allowances are not left idle while Groundwork reads and writes its own database.
    /// </summary>
    private async Task BulkAsync(QboConnection connection, PushSettings settings, List<(PushPlan Plan, List<QboOutboxEntry> Rows)> work, long lastRowId,
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
        var feeding = true;
        while (true)
        {
            if (feeding && creator.Waiting < Chunk)
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
            await creator.WaitAsync(RecordEvery, feeding ? Chunk : 0, CancelCheckEvery, ct);
            await WithdrawCancelledAsync(creator, rowsOf, ct);
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
        var due = await db.QboOutbox.AsNoTracking().Where(e => e.DueAtUtc <= now && e.Id > afterRowId).OrderBy(e => e.Id).Take(Chunk).ToListAsync(ct);
        if (due.Count == 0) return ([], afterRowId, false);
        var groups = due.GroupBy(e => (e.Kind, e.LocalId))
            .Where(g => g.Key.Kind is LinkedKind.Invoice or LinkedKind.Bill && !inFlight.Contains(g.Key.LocalId) && g.All(e => e.Operation == PushOperation.Push && !e.Uncertain))
            .ToList();
        if (groups.Count == 0) return ([], due[^1].Id, due.Count == Chunk);
        var plans = await planner.PlanAsync(connection, settings, groups.Select(g => g.Key.LocalId).ToList(), ct);
        var work = groups.Where(g => IsBulk(g, plans)).Select(g => (plans[g.Key.LocalId], g.ToList())).ToList();
        return (work, due[^1].Id, due.Count == Chunk);
    }

    private async Task MarkUncertainAsync(List<(PushPlan Plan, List<QboOutboxEntry> Rows)> work, CancellationToken ct)
    {
        var rowIds = work.SelectMany(w => w.Rows).Select(r => r.Id).ToList();
        await db.QboOutbox.Where(e => rowIds.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, true), ct);
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
        var counts = new Dictionary<string, (int Done, int Failed)>(StringComparer.Ordinal);
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
            foreach (var run in rowsOf[plan.DocumentId].Where(r => r.RunId is not null).Select(r => r.RunId!).Distinct())
            {
                var (done, notDone) = counts.GetValueOrDefault(run);
                counts[run] = agrees ? (done + 1, notDone) : (done, notDone + 1);
            }
        }
        foreach (var (run, (done, notDone)) in counts) await PushRuns.CountAsync(db, run, done, notDone, ct);
        foreach (var row in documentIds.SelectMany(id => rowsOf[id])) db.Entry(row).State = EntityState.Detached;
        var finishedIds = finished.Select(r => r.Id).ToList();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await BulkInsert.InsertAsync(db, links, ct);
            await BulkInsert.InsertAsync(db, log, ct);
            await db.QboOutbox.Where(e => finishedIds.Contains(e.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        foreach (var result in failed)
        {
            await FailedAsync(connection, await Reload(rowsOf[result.Plan.DocumentId], ct), result.Error!, ct);
        }
    }

    /// <summary>Pushes one record; null when QuickBooks is not connected any more (the drain stops, the rows wait).</summary>
    private async Task<bool?> PushRecordAsync(QboConnection connection, List<QboOutboxEntry> rows, Dictionary<long, PushPlan> plans, DocumentPusher documents,
        QboWrites writes, CancellationToken ct)
    {
        var entry = rows[^1];
        entry.Uncertain = rows.Any(r => r.Uncertain);
        var (kind, localId) = (entry.Kind, entry.LocalId);
        var isDocument = kind is LinkedKind.Invoice or LinkedKind.Bill;
        try
        {
            PushEnd end;
            if (kind == LinkedKind.Payment)
            {
                end = await new PaymentPusher(db, writes, journal, lists.PageSize).PushAsync(connection, rows, ct);
                if (end == PushEnd.Waiting)
                {
                    // The rows are not tracked (preparing cleared the tracker): their wait is written directly.
                    var ids = rows.Select(r => r.Id).ToList();
                    await db.QboOutbox.Where(e => ids.Contains(e.Id))
                        .ExecuteUpdateAsync(s => s.SetProperty(e => e.WaitCode, entry.WaitCode).SetProperty(e => e.WaitReason, entry.WaitReason), ct);
                    db.ChangeTracker.Clear();
                    return true;
                }
            }
            // A void, or a document voided or rejected since it was queued: QuickBooks gets a void if it has the document, else nothing.
            else if (rows.Any(r => r.Operation == PushOperation.Void) || (plans.TryGetValue(localId, out var unfinalized) && !unfinalized.Finalized))
                end = await new VoidPusher(db, writes, journal, clock.UtcNow).VoidAsync(connection, kind, localId, entry.Trigger, ct);
            else if (!isDocument)
                end = await new RenamePusher(db, writes, journal).RenameAsync(connection, kind, localId, entry.Trigger, ct);
            else if (plans.TryGetValue(localId, out var plan))
                end = await documents.PushAsync(connection, plan, entry, ct);
            else
                end = PushEnd.Synced; // The document is gone: nothing to push.
            await FinishAsync(rows, end == PushEnd.Synced, ct);
            metrics.Pushed(kind, end == PushEnd.Synced ? SyncState.Synced : SyncState.NeedsAttention);
            return true;
        }
        catch (QboNotConnectedException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
        catch (PushRefusedException refused)
        {
            db.ChangeTracker.Clear();
            journal.Add(kind, localId, null, entry.Trigger, "check", null, null, SyncResult.Refused, code: refused.Problem.Code, message: refused.Problem.Message);
            if (isDocument) await DocumentSyncs.SetAsync(db, connection.Id, localId, SyncState.NeedsAttention, refused.Problem.Message, refused.Problem.Code, null, clock.UtcNow, ct);
            await FinishAsync(await Reload(rows, ct), false, ct);
            metrics.Pushed(kind, SyncState.NeedsAttention);
            return true;
        }
        catch (QboException ex)
        {
            db.ChangeTracker.Clear();
            await FailedAsync(connection, await Reload(rows, ct), ex, ct);
            return true;
        }
    }

    private async Task<List<QboOutboxEntry>> Reload(List<QboOutboxEntry> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        return await db.QboOutbox.Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(ct);
    }

    /// <summary>QBO refused (a validation fault: shown with its code and intuit_tid) or did not answer (retried later).</summary>
    private async Task FailedAsync(QboConnection connection, List<QboOutboxEntry> rows, QboException ex, CancellationToken ct)
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
    private async Task FinishAsync(List<QboOutboxEntry> rows, bool succeeded, CancellationToken ct)
    {
        foreach (var run in rows.Where(r => r.RunId is not null).Select(r => r.RunId!).Distinct())
        {
            await PushRuns.CountAsync(db, run, succeeded, ct);
        }
        foreach (var row in rows) db.Entry(row).State = EntityState.Unchanged;
        var ids = rows.Select(r => r.Id).ToList();
        // One transaction: what the push wrote locally and the rows' removal. A cancel may have removed a row already.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await db.QboOutbox.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var row in rows) db.Entry(row).State = EntityState.Detached;
    }

    private async Task<PushSettings> PrepareAsync(QboConnection connection, CancellationToken ct)
    {
        if (connection.ReadinessCheckedAtUtc is not { } checkedAt || clock.UtcNow - checkedAt > ReadinessMaxAge)
        {
            await readiness.HandleAsync(connection.OrganizationId, ct);
            db.ChangeTracker.Clear();
            connection = await db.QboConnections.AsNoTracking().FirstAsync(ct);
        }
        foreach (var list in NeededLists)
        {
            await lists.GetAsync(list, refresh: false, ct);
        }
        db.ChangeTracker.Clear();
        var taxCode = await taxCodes.FindAsync(calls, connection, ct);
        return await planner.SettingsAsync(connection, taxCode, ct);
    }
}
