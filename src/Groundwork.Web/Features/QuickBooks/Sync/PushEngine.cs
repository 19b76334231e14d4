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
    SyncJournal journal, AppClock clock, ITenantContext tenant, SyncMetrics metrics, SalesTaxCodes taxCodes, BulkPush bulkPush, PushOutcomes outcomes)
{
    /// <summary>Rows taken per drain step: enough for the bulk lanes to keep QBO's allowances busy.</summary>
    public const int Chunk = 300;

    /// <summary>Readiness older than this is checked again before pushing (the tax agency may have been set up meanwhile).</summary>
    public static readonly TimeSpan ReadinessMaxAge = TimeSpan.FromMinutes(10);

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
        var bulk = groups.Where(g => BulkPush.IsBulk(g, plans)).ToList();
        if (bulk.Count >= 2)
        {
            try
            {
                await bulkPush.BulkAsync(connection, settings, bulk.Select(g => (plans[g.Key.LocalId], g.ToList())).ToList(), due.Max(e => e.Id), ct);
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

    /// <summary>Pushes one record; null when QuickBooks is not connected any more (the drain stops, the rows wait).</summary>
    private async Task<bool?> PushRecordAsync(QboConnection connection, List<QboOutboxEntry> rows, Dictionary<long, PushPlan> plans, DocumentPusher documents,
        QboWrites writes, CancellationToken ct)
    {
        if (rows.Any(r => r.RunId is not null))
        {
            // Its run may have been cancelled while this drain pushed the records before it: Cancel dropped the rows not sent
            // yet, and they must stay unsent. One look at the record's own rows (run rows only: no other row is dropped).
            var ids = rows.Select(r => r.Id).ToList();
            var left = await db.QboOutbox.Where(e => ids.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
            rows = rows.Where(r => left.Contains(r.Id)).ToList();
            if (rows.Count == 0) return true;
        }
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
            if (end == PushEnd.Dropped)
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            await outcomes.FinishAsync(rows, end == PushEnd.Synced, ct);
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
            await outcomes.FinishAsync(await outcomes.Reload(rows, ct), false, ct);
            metrics.Pushed(kind, SyncState.NeedsAttention);
            return true;
        }
        catch (QboException ex)
        {
            db.ChangeTracker.Clear();
            await outcomes.FailedAsync(connection, await outcomes.Reload(rows, ct), ex, ct);
            return true;
        }
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
