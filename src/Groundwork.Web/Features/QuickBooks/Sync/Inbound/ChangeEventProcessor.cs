using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>What one step of status-back work leaves to do: when to look again, and whether CDC should catch up now.</summary>
public sealed record InboundStep(DateTime? Next, bool CatchUp)
{
    public static InboundStep Idle { get; } = new(null, false);
}

/// <summary>
/// One step of the company grain's status-back work: the organization's pending webhook events, oldest first, up to
/// <see cref="Scan"/> at a time; those that need no read are settled at once, and up to <see cref="Chunk"/> entities are read. Each changed entity is read once through the gateway (its current state, so order and repeats do no harm) and
/// applied; a payment is kept as Groundwork's payment record (<see cref="ApplyQboPayment"/>), and the credit memos it applies
/// are read. A payment deleted in QBO asks for a CDC catch-up too, for credit memos it no longer names.
/// </summary>
public sealed partial class ChangeEventProcessor(GroundworkDbContext db, IQboChangeFeed feed, ApplyQboChange apply, ApplyQboPayment payments, AppClock clock,
    ILogger<ChangeEventProcessor> logger)
{
    /// <summary>Changed entities read from QBO (and applied) per step at most: a step holds the company's loop, pushes included.</summary>
    public const int Chunk = 100;

    /// <summary>
    /// Pending events looked at per step. Most events of a busy company need no read at all (documents Groundwork never
    /// linked, entities status back does not follow): they are settled here in bulk, a few statements per thousand.
    /// </summary>
    public const int Scan = 1000;

    /// <summary>Reads QBO did not answer are tried this many times (after the gateway's own retries), then left to CDC.</summary>
    public const int MaxAttempts = 5;

    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    public async Task<InboundStep> ProcessAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null || connection.Status != QboConnectionStatus.Connected) return InboundStep.Idle;
        var pending = await db.QboChangeEvents.AsNoTracking().Where(e => e.ConnectionId == connection.Id && e.ProcessedAtUtc == null)
            .OrderBy(e => e.Id).Take(Scan).ToListAsync(ct);
        if (pending.Count == 0) return InboundStep.Idle;
        var catchUp = false;
        DateTime? retry = null;
        // Outcomes are written together at the end (one statement per outcome): a crash before re-reads, which changes nothing.
        var done = new List<(long Id, string Outcome)>();
        // Which of the scanned documents are linked, in one query: most events of a busy company name documents Groundwork never pushed.
        var linked = await apply.LinkedAsync(connection.Id,
            [.. pending.Where(e => QboEntities.IsDocument(e.Entity)).Select(e => ApplyQboChange.Identity(e.Entity, e.EntityId)).Distinct(StringComparer.Ordinal)], ct);
        var targets = pending.GroupBy(e => (e.Entity, e.EntityId)).ToList();
        var read = 0;
        var left = false;
        foreach (var target in targets)
        {
            var ids = target.Select(e => e.Id).ToList();
            if (Settled(target.Key.Entity, target.Key.EntityId, linked) is { } settled)
            {
                done.AddRange(ids.Select(id => (id, settled)));
                continue;
            }
            if (read == Chunk)
            {
                left = true;
                continue;
            }
            read++;
            try
            {
                var (outcome, gap) = await ProcessAsync(connection.Id, target.Key.Entity, target.Key.EntityId, target.ToList(), ct);
                catchUp |= gap;
                done.AddRange(ids.Select(id => (id, DocumentSyncs.Clip(outcome, 500)!)));
            }
            catch (QboNotConnectedException)
            {
                await MarkAsync(done, ct);
                return InboundStep.Idle;
            }
            catch (Exception ex) when (ex is QboException or DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                LogFailed(logger, target.Key.Entity, target.Key.EntityId, ex.Message);
                if (target.Max(e => e.Attempts) + 1 >= MaxAttempts)
                {
                    done.AddRange(ids.Select(id => (id, DocumentSyncs.Clip($"failed: {ex.Message}", 500)!)));
                    catchUp = true;
                    continue;
                }
                await db.QboChangeEvents.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
                // A document changed in Groundwork meanwhile: read again at once. QBO did not answer: give it a minute.
                var at = ex is DbUpdateConcurrencyException ? clock.UtcNow : clock.UtcNow + RetryAfter;
                retry = retry is { } earlier && earlier < at ? earlier : at;
            }
            db.ChangeTracker.Clear();
        }
        await MarkAsync(done, ct);
        // More waits when the scan was full or some entities were left for the next step's reads.
        return new InboundStep(left || pending.Count == Scan ? clock.UtcNow : retry, catchUp);
    }

    /// <summary>What an event comes to without reading QBO, or null when its entity must be read.</summary>
    private static string? Settled(string entity, string id, HashSet<string> linkedDocuments)
    {
        if (QboEntities.IsDocument(entity))
        {
            // An unlinked credit memo is still read: one made in QuickBooks waits in Groundwork for its offsetting invoice.
            return entity != QboEntities.CreditMemo && !linkedDocuments.Contains(ApplyQboChange.Identity(entity, id)) ? "ignored: not linked" : null;
        }
        return QboEntities.IsPayment(entity) ? null : $"ignored: {entity}";
    }

    /// <summary>Reads and applies one changed entity; says what happened and whether CDC should look for what it cannot see.</summary>
    private async Task<(string Outcome, bool CatchUp)> ProcessAsync(long connectionId, string entity, string id, List<QboChangeEvent> events,
        CancellationToken ct)
    {
        var identity = ApplyQboChange.Identity(entity, id);
        var created = events.All(e => e.Operation == nameof(Groundwork.QuickBooks.Webhooks.QboWebhookOperation.Create));
        if (QboEntities.IsDocument(entity))
        {
            if (created && await CreatedByGroundworkAsync(connectionId, identity, ct)) return ("ignored: Groundwork's own create", false);
            return (await apply.HandleAsync(connectionId, await feed.ReadAsync(entity, id, ct), ct), false);
        }
        if (created && await CreatedByGroundworkAsync(connectionId, identity, ct)) return ("ignored: Groundwork's own payment", false);
        var payment = await feed.ReadAsync(entity, id, ct);
        var outcomes = new List<string> { await payments.HandleAsync(connectionId, payment, ct) };
        db.ChangeTracker.Clear();
        // Credit memos it applies follow QBO's remaining credit: read them. A deleted payment names none any more, so CDC looks.
        if (payment.Current is null) return (outcomes[0], true);
        var memos = QboDocumentFacts.AppliedTo(payment.Current).Where(a => a.Entity == QboEntities.CreditMemo).ToList();
        var linked = await apply.LinkedAsync(connectionId, [.. memos.Select(a => ApplyQboChange.Identity(a.Entity, a.Id))], ct);
        foreach (var (documentEntity, documentId) in memos.Where(a => linked.Contains(ApplyQboChange.Identity(a.Entity, a.Id))))
        {
            outcomes.Add($"{documentEntity} {documentId} {await apply.HandleAsync(connectionId, await feed.ReadAsync(documentEntity, documentId, ct), ct)}");
            db.ChangeTracker.Clear();
        }
        return (string.Join("; ", outcomes), false);
    }

    /// <summary>A create event for a document or payment Groundwork created is the echo of its own push: nothing to read.</summary>
    private Task<bool> CreatedByGroundworkAsync(long connectionId, string identity, CancellationToken ct) =>
        db.QboLinks.AnyAsync(l => l.ConnectionId == connectionId && l.QboIdentity == identity && l.Source == QboLinkSource.Created && l.State == QboLinkState.Active, ct);

    private async Task MarkAsync(List<(long Id, string Outcome)> done, CancellationToken ct)
    {
        if (done.Count == 0) return;
        var now = clock.UtcNow;
        // One commit for the step's outcomes, not one per outcome.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var outcome in done.GroupBy(d => d.Outcome, StringComparer.Ordinal))
        {
            var ids = outcome.Select(d => d.Id).ToList();
            await db.QboChangeEvents.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAtUtc, now)
                .SetProperty(e => e.Outcome, outcome.Key).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        }
        await tx.CommitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading QuickBooks {Entity} {Id} for its status failed ({Reason}); trying again")]
    private static partial void LogFailed(ILogger logger, string entity, string id, string reason);
}
