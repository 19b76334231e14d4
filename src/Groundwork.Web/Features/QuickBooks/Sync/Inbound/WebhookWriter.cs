using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Groundwork.QuickBooks.Webhooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>A verified delivery waiting to be written: the raw body and, per organization connected to its realms, its watched changes.</summary>
public sealed record WebhookWrite(string Body, string? RealmIds, int EventCount, string? Error, DateTime ReceivedAtUtc,
    IReadOnlyList<(RealmConnection Connection, IReadOnlyList<QboWebhookEvent> Changes)> Targets);

/// <summary>
/// The one writer of webhook deliveries (group commit). Each request hands its verified delivery here and waits; the writer
/// takes every delivery waiting (up to <see cref="MaxBatch"/>), writes them in one transaction — the raw deliveries, then
/// per organization the events as multi-row <c>INSERT … ON CONFLICT DO NOTHING</c> — commits, and only then lets the
/// requests answer 200, so an acknowledged delivery is stored. A burst costs one commit per batch instead of one per
/// delivery, and webhook writes never fight each other for the database's write lock (SQLite's busy wait is 150 ms).
/// A batch that fails is written again one delivery at a time, so one bad delivery fails only its own request.
/// </summary>
public sealed partial class WebhookWriter(IServiceScopeFactory scopes, IGrainFactory grains, ILogger<WebhookWriter> logger) : BackgroundService
{
    /// <summary>Deliveries written in one transaction at most.</summary>
    public const int MaxBatch = 256;


    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the delivery and its events are committed (faults when they could not be).</summary>
    public Task WriteAsync(WebhookWrite write)
    {
        var pending = new Pending(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) pending.Done.SetException(new InvalidOperationException("The webhook writer has stopped."));
        return pending.Done.Task;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending)) batch.Add(pending);
                await WriteAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever still waits is answered with an error, and Intuit sends it again.
        }
        while (_queue.Reader.TryRead(out var left)) left.Done.TrySetException(new OperationCanceledException("The app is stopping."));
    }

    private async Task WriteAsync(List<Pending> batch, CancellationToken ct)
    {
        HashSet<long> woken;
        try
        {
            woken = await CommitAsync([.. batch.Select(p => p.Write)], ct);
        }
#pragma warning disable CA1031 // Whatever a write throws goes back to the requests waiting on it; the writer must go on.
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            if (batch.Count == 1)
            {
                LogFailed(logger, ex);
                batch[0].Done.TrySetException(ex);
                return;
            }
            foreach (var pending in batch) await WriteAsync([pending], ct);
            return;
        }
        foreach (var pending in batch) pending.Done.TrySetResult();
        try
        {
            foreach (var organization in woken)
            {
                await grains.GetGrain<ICompanySyncGrain>(organization).EventsArrivedAsync();
            }
        }
#pragma warning disable CA1031 // Stored is what matters: a company not woken now is caught up by its CDC schedule.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWakeFailed(logger, ex);
        }
    }

    /// <summary>Writes the deliveries and their events in one transaction; the organizations that got an event not stored before.</summary>
    private async Task<HashSet<long>> CommitAsync(IReadOnlyList<WebhookWrite> writes, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var deliveries = writes.Select(w => new QboWebhookDelivery
        {
            ReceivedAtUtc = w.ReceivedAtUtc, Body = w.Body, SignatureOk = true, EventCount = w.EventCount, Error = w.Error, RealmIds = w.RealmIds,
        }).ToList();
        var woken = new HashSet<long>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.QboWebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync(ct);
        var rows = writes.SelectMany((w, i) => w.Targets.SelectMany(t => t.Changes.Select(c => (t.Connection, DeliveryId: deliveries[i].Id, Change: c, w.ReceivedAtUtc))));
        foreach (var organization in rows.GroupBy(r => r.Connection.OrganizationId))
        {
            var inserted = 0;
            foreach (var chunk in organization.Chunk(BulkInsert.RowsPerStatement)) inserted += await InsertAsync(db, chunk, ct);
            if (inserted > 0) woken.Add(organization.Key);
        }
        await tx.CommitAsync(ct);
        return woken;
    }

    /// <summary>
    /// Writes events, several rows to a statement, skipping any change already stored: the unique key decides, not a prior
    /// read. Returns how many were new. Written in SQL with the organization named, as none is in scope for Intuit's call.
    /// </summary>
    private static async Task<int> InsertAsync(GroundworkDbContext db,
        IReadOnlyList<(RealmConnection Connection, long DeliveryId, QboWebhookEvent Change, DateTime ReceivedAtUtc)> rows, CancellationToken ct)
    {
        var sql = new StringBuilder("""
            INSERT INTO "QboChangeEvents" ("OrganizationId", "ConnectionId", "DeliveryId", "RealmId", "Entity", "EntityId", "Operation", "EventKey",
                "OccurredAtUtc", "ReceivedAtUtc", "ProcessedAtUtc", "Attempts", "Outcome")
            VALUES
            """);
        var values = new List<object>(rows.Count * 10);
        foreach (var (connection, deliveryId, change, received) in rows)
        {
            var p = values.Count;
            values.AddRange([connection.OrganizationId, connection.ConnectionId, deliveryId, change.RealmId, DocumentSyncs.Clip(change.EntityName, 32)!,
                DocumentSyncs.Clip(change.EntityId, 64)!, change.Operation.ToString(), ReceiveWebhook.EventKey(change), change.OccurredAt?.UtcDateTime ?? received, received]);
            sql.Append(p == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture,
                $"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}}, {{{p + 8}}}, {{{p + 9}}}, NULL, 0, NULL)");
        }
        sql.Append("\nON CONFLICT DO NOTHING");
        return await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
    }

    private sealed record Pending(WebhookWrite Write, TaskCompletionSource Done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a QuickBooks webhook delivery failed; it is answered with an error, so Intuit sends it again")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking a company for stored QuickBooks webhook events failed; its CDC schedule catches up")]
    private static partial void LogWakeFailed(ILogger logger, Exception exception);
}
