using System.Globalization;
using System.Text;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Queues pushes. Use cases that change a syncable record call it before their SaveChanges, so the change and its outbox
/// row commit in one transaction; <see cref="OutboxWakeInterceptor"/> wakes the company's grain once they have.
/// Nothing is queued without a connection (those documents wait in Unsynced Records), and nothing that came from QBO is
/// queued (the status-back path does not call this), so there is no echo loop.
/// </summary>
public sealed class SyncOutbox(GroundworkDbContext db, AppClock clock, IHttpContextAccessor http, IGrainFactory grains, SyncPauses pauses)
{
    public const string Automatic = "automatic";

    /// <summary>Queues a push of the document if it is finalized, or a void in QBO if it was voided (or a bill rejected) and is linked.</summary>
    public async Task DocumentChangedAsync(Document document, CancellationToken ct)
    {
        var connection = await ConnectionIdAsync(ct);
        if (connection is null || document.Id == 0 && document.Status == DocumentStatus.Draft) return;
        var kind = LinkKind(document.Kind);
        if (document.Status is DocumentStatus.Void or DocumentStatus.Rejected)
        {
            var linked = await db.QboLinks.AnyAsync(l => l.ConnectionId == connection && l.Kind == kind && l.LocalId == document.Id, ct);
            if (linked) await AddAsync(connection.Value, kind, document.Id, PushOperation.Void, Trigger(), null, ct);
            return;
        }
        if (DocumentRules.IsFinalized(document)) await AddAsync(connection.Value, kind, document.Id, PushOperation.Push, Trigger(), null, ct);
    }

    /// <summary>A customer, location, job or vendor was renamed: the linked QBO name follows.</summary>
    public async Task NameChangedAsync(LinkedKind kind, long localId, CancellationToken ct)
    {
        var connection = await ConnectionIdAsync(ct);
        if (connection is null) return;
        if (await db.QboLinks.AnyAsync(l => l.ConnectionId == connection && l.Kind == kind && l.LocalId == localId, ct))
        {
            await AddAsync(connection.Value, kind, localId, PushOperation.Push, Trigger(), null, ct);
        }
    }

    /// <summary>
    /// A payment was recorded: its QBO Payment or BillPayment is queued. The payment must be saved already (it needs its id),
    /// inside the caller's open transaction, so both commit together (the grain is woken at the commit).
    /// </summary>
    /// <returns>Whether a push was queued (QuickBooks is connected).</returns>
    public async Task<bool> PaymentRecordedAsync(long paymentId, CancellationToken ct)
    {
        var connection = await ConnectionIdAsync(ct);
        if (connection is null) return false;
        await AddAsync(connection.Value, LinkedKind.Payment, paymentId, PushOperation.Push, Trigger(), null, ct);
        return true;
    }

    /// <summary>
    /// A payment is being deleted: when QuickBooks has it, or may have it (its create is still queued or went unanswered),
    /// the QBO record is deleted too. Saved with the caller's delete.
    /// </summary>
    public async Task PaymentDeletedAsync(long paymentId, CancellationToken ct)
    {
        var connection = await ConnectionIdAsync(ct);
        if (connection is null) return;
        var known = await db.QboLinks.AnyAsync(l => l.ConnectionId == connection && l.Kind == LinkedKind.Payment && l.LocalId == paymentId, ct)
            || await db.QboOutbox.AnyAsync(e => e.Kind == LinkedKind.Payment && e.LocalId == paymentId, ct);
        if (known) await AddAsync(connection.Value, LinkedKind.Payment, paymentId, PushOperation.Delete, Trigger(), null, ct);
    }

    /// <summary>Lets payments waiting for <paramref name="code"/> go again (the account was chosen) and wakes the company's grain.</summary>
    public async Task ReleaseWaitingAsync(string code, CancellationToken ct)
    {
        await db.QboOutbox.Where(e => e.WaitCode == code).ExecuteUpdateAsync(s => s.SetProperty(e => e.WaitCode, (string?)null)
            .SetProperty(e => e.WaitReason, (string?)null).SetProperty(e => e.DueAtUtc, clock.UtcNow), ct);
        await WakeAsync();
    }

    /// <summary>Wakes the company's grain when rows were released rather than added (the save interceptor wakes it for added ones).</summary>
    public Task WakeAsync() => grains.GetGrain<ICompanySyncGrain>(db.CurrentOrganizationId).WakeAsync();

    /// <summary>A person asked to create again a document whose QBO record was deleted there; its link's generation was moved on.</summary>
    public Task RepushAsync(long connectionId, Document document, CancellationToken ct) =>
        AddAsync(connectionId, LinkKind(document.Kind), document.Id, PushOperation.Repush, Trigger(), null, ct);

    /// <summary>Adds a row (or keeps the one already waiting) and marks a document Queued; saved with the caller's changes.</summary>
    internal async Task AddAsync(long connectionId, LinkedKind kind, long localId, PushOperation operation, string trigger, string? runId, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var waiting = runId is null && await db.QboOutbox.AnyAsync(
            e => e.Kind == kind && e.LocalId == localId && e.Operation == operation && !e.Uncertain && e.Attempts == 0, ct);
        if (runId is not null)
        {
            // Rows of this record waiting for a retry are pulled forward, so the run's row and theirs make one push, not two.
            await db.QboOutbox.Where(e => e.Kind == kind && e.LocalId == localId && e.DueAtUtc > now).ExecuteUpdateAsync(s => s.SetProperty(e => e.DueAtUtc, now), ct);
        }
        if (!waiting)
        {
            db.QboOutbox.Add(new QboOutboxEntry
            {
                ConnectionId = connectionId, Kind = kind, LocalId = localId, Operation = operation, Trigger = trigger, RunId = runId,
                EnqueuedAtUtc = now, DueAtUtc = now,
            });
        }
        if (kind is LinkedKind.Invoice or LinkedKind.Bill && localId != 0)
        {
            await DocumentSyncs.SetAsync(db, connectionId, localId, SyncState.Queued, null, null, null, now, ct);
        }
    }

    /// <summary>
    /// Queues every document of a run (Push All can be tens of thousands) set-based, a handful of statements per 500
    /// documents and no entity tracked: their waiting retries pulled forward, their sync rows marked Queued (made where
    /// missing), their outbox rows inserted in document order. A document already waiting in the outbox (an automatic push,
    /// a retry, or a run that has ended) gets no second row, which would push it twice: its row joins this run instead; one
    /// held by another run stays that run's — a run not ended, including one being started at this moment and not committed
    /// yet (its row is locked: this waits, then sees it taken), so two runs never both count a row. Runs inside the caller's
    /// transaction, and the rows are written directly, not saved through the context: the caller wakes the company's grain
    /// after its commit.
    /// </summary>
    /// <returns>How many documents the run holds (its rows, read under their locks in this transaction): its total.</returns>
    internal async Task<int> AddRunAsync(long connectionId, IReadOnlyList<(long Id, DocumentKind Kind)> documents, string trigger, string runId, CancellationToken ct)
    {
        var now = clock.UtcNow;
        var organizationId = db.CurrentOrganizationId;
        // Ended runs, not "other running runs": a run started at this moment is not visible yet, and reading it as ended let two
        // starts both take one row (PostgreSQL re-checks a row it waited for with the statement's old view of the runs).
        var ended = db.PushRuns.Where(r => r.State != PushRunState.Running).Select(r => r.Id);
        foreach (var chunk in documents.Chunk(500))
        {
            var ids = chunk.Select(d => d.Id).ToList();
            var rows = db.QboOutbox.Where(e => ids.Contains(e.LocalId) && (e.Kind == LinkedKind.Invoice || e.Kind == LinkedKind.Bill));
            await rows.Where(e => e.DueAtUtc > now).ExecuteUpdateAsync(s => s.SetProperty(e => e.DueAtUtc, now), ct);
            // Row locks (PostgreSQL) order this against a drain finishing the same row: see PushRuns.LockAsync.
            await rows.Where(e => (e.Operation == PushOperation.Push || e.Operation == PushOperation.Repush) && (e.RunId == null || ended.Contains(e.RunId)))
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.RunId, runId).SetProperty(e => e.Adopted, true), ct);
            await pauses.AtAsync(SyncPauses.RunRowsTaken, ct);
            await DocumentSyncs.SetManyAsync(db, connectionId, ids, SyncState.Queued, null, null, null, now, ct);
            foreach (var kind in chunk.Select(d => d.Kind).Distinct())
            {
                await db.Database.ExecuteSqlRawAsync(WithIds(InsertOutbox, chunk.Where(d => d.Kind == kind).Select(d => d.Id), ") ORDER BY d.\"Id\""),
                    [organizationId, connectionId, LinkKind(kind).ToString(), PushOperation.Push.ToString(), trigger, runId, now, PushOperation.Repush.ToString()], ct);
            }
        }
        return await db.QboOutbox.Where(e => e.RunId == runId && (e.Kind == LinkedKind.Invoice || e.Kind == LinkedKind.Bill)).Select(e => e.LocalId).Distinct().CountAsync(ct);
    }

    /// <summary>
    /// The statement with its id list written out: the ids are this organization's document ids (longs read just now), so
    /// literals are safe, and no provider's parameter limit is met.
    /// </summary>
    internal static string WithIds(string head, IEnumerable<long> ids, string tail)
    {
        var sql = new StringBuilder(head);
        var first = true;
        foreach (var id in ids.Order())
        {
            if (!first) sql.Append(',');
            sql.Append(id.ToString(CultureInfo.InvariantCulture));
            first = false;
        }
        return sql.Append(tail).ToString();
    }

    private const string InsertOutbox = """
        INSERT INTO "QboOutbox" ("OrganizationId", "ConnectionId", "Kind", "LocalId", "Operation", "Trigger", "RunId", "EnqueuedAtUtc", "DueAtUtc", "Attempts", "Uncertain", "Adopted")
        SELECT {0}, {1}, {2}, d."Id", {3}, {4}, {5}, {6}, {6}, 0, FALSE, FALSE FROM "Documents" d
        WHERE d."OrganizationId" = {0} AND NOT EXISTS (SELECT 1 FROM "QboOutbox" e WHERE e."OrganizationId" = {0} AND e."Kind" = {2}
            AND e."LocalId" = d."Id" AND e."Operation" IN ({3}, {7})) AND d."Id" IN (
        """;

    public static LinkedKind LinkKind(DocumentKind kind) => kind == DocumentKind.Invoice ? LinkedKind.Invoice : LinkedKind.Bill;

    private string Trigger() => http.HttpContext?.User.Identity?.Name ?? Automatic;

    private async Task<long?> ConnectionIdAsync(CancellationToken ct) =>
        await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
}

/// <summary>Writes a document's sync state: the one place its row is made or changed.</summary>
public static class DocumentSyncs
{
    public static async Task<DocumentSync> SetAsync(GroundworkDbContext db, long connectionId, long documentId, SyncState state, string? message,
        string? problem, string? intuitTid, DateTime now, CancellationToken ct, DateTime? retryAtUtc = null)
    {
        var row = db.DocumentSyncs.Local.FirstOrDefault(s => s.DocumentId == documentId)
            ?? await db.DocumentSyncs.FirstOrDefaultAsync(s => s.DocumentId == documentId, ct);
        if (row is null)
        {
            row = new DocumentSync { ConnectionId = connectionId, DocumentId = documentId };
            db.DocumentSyncs.Add(row);
        }
        Apply(row, connectionId, state, message, problem, intuitTid, now, retryAtUtc);
        return row;
    }

    /// <summary>
    /// Sets the same state on many documents' rows with two statements and nothing tracked: rows missing are made first, then
    /// all are updated. Runs in the caller's transaction, if any. For hundreds of documents at once (queueing a run): the
    /// insert reads the organization's documents.
    /// </summary>
    internal static async Task SetManyAsync(GroundworkDbContext db, long connectionId, IReadOnlyCollection<long> documentIds, SyncState state, string? message,
        string? problem, string? intuitTid, DateTime now, CancellationToken ct)
    {
        if (documentIds.Count == 0) return;
        await db.Database.ExecuteSqlRawAsync(SyncOutbox.WithIds(InsertMissing, documentIds, ")"), [db.CurrentOrganizationId, connectionId, state.ToString(), now], ct);
        message = Clip(message, 2000);
        await db.DocumentSyncs.Where(s => documentIds.Contains(s.DocumentId)).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.ConnectionId, connectionId).SetProperty(x => x.State, state).SetProperty(x => x.Message, message)
            .SetProperty(x => x.Problem, problem).SetProperty(x => x.IntuitTid, intuitTid).SetProperty(x => x.RetryAtUtc, (DateTime?)null)
            .SetProperty(x => x.UpdatedAtUtc, now), ct);
    }

    private const string InsertMissing = """
        INSERT INTO "DocumentSyncs" ("OrganizationId", "ConnectionId", "DocumentId", "State", "UpdatedAtUtc")
        SELECT {0}, {1}, d."Id", {2}, {3} FROM "Documents" d
        WHERE d."OrganizationId" = {0} AND NOT EXISTS (SELECT 1 FROM "DocumentSyncs" s WHERE s."DocumentId" = d."Id") AND d."Id" IN (
        """;

    /// <summary>The document's row among <paramref name="rows"/> (loaded together by a bulk path), or a new one added to them and tracked.</summary>
    internal static DocumentSync Tracked(GroundworkDbContext db, Dictionary<long, DocumentSync> rows, long connectionId, long documentId)
    {
        if (rows.TryGetValue(documentId, out var row)) return row;
        row = new DocumentSync { ConnectionId = connectionId, DocumentId = documentId };
        db.DocumentSyncs.Add(row);
        rows[documentId] = row;
        return row;
    }

    internal static void Apply(DocumentSync row, long connectionId, SyncState state, string? message, string? problem, string? intuitTid, DateTime now, DateTime? retryAtUtc)
    {
        row.ConnectionId = connectionId;
        row.State = state;
        row.Message = Clip(message, 2000);
        row.Problem = problem;
        row.IntuitTid = intuitTid;
        row.RetryAtUtc = retryAtUtc;
        row.UpdatedAtUtc = now;
    }

    internal static string? Clip(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
