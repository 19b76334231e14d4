using System.Globalization;
using System.Text;
using System.Text.Json;
using Groundwork.QuickBooks.Webhooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>How a webhook delivery was answered.</summary>
public enum WebhookAnswer
{
    /// <summary>200: stored (or nothing to store); Intuit will not send it again.</summary>
    Accepted,
    /// <summary>401: the signature is missing or wrong; nothing was stored.</summary>
    BadSignature,
    /// <summary>413: larger than <see cref="ReceiveWebhook.MaxBodyBytes"/>; nothing was stored.</summary>
    TooLarge,
}

/// <summary>
/// Intuit's webhook call: verify <c>intuit-signature</c> on the exact bytes (constant time, before parsing), store the raw
/// delivery and one row per announced change of a watched entity (<see cref="QboEntities.Watched"/>) for each organization
/// connected to its realm, and wake those companies'
/// grains. No QBO call is made here: the grain fetches the entities, so the answer takes milliseconds (Intuit allows 3 s
/// and holds back later events until one is acknowledged). A repeated delivery stores its body again but no event twice.
/// </summary>
public sealed partial class ReceiveWebhook(GroundworkDbContext db, QboWebhookVerifier verifier, QboRealms realms, IGrainFactory grains, AppClock clock,
    ILogger<ReceiveWebhook> logger) : IUseCase
{
    /// <summary>The largest body read (1 MiB): Intuit's notifications carry ids only and are far smaller.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public async Task<WebhookAnswer> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await ReadBoundedAsync(request, ct);
        if (body is null) return WebhookAnswer.TooLarge;
        if (!verifier.Verify(body, request.Headers[QboWebhookVerifier.SignatureHeader].ToString()))
        {
            LogBadSignature(logger, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", body.Length);
            return WebhookAnswer.BadSignature;
        }

        IReadOnlyList<QboWebhookEvent> events;
        string? error = null;
        try
        {
            events = QboWebhookParser.Parse(body);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Signed by Intuit yet unreadable: kept for diagnosis and acknowledged (a retry would be just as unreadable);
            // CDC catches up on whatever it announced.
            (events, error) = ([], DocumentSyncs.Clip(ex.Message, 500));
            LogUnreadable(logger, ex.Message);
        }

        var now = clock.UtcNow;
        var delivery = new QboWebhookDelivery
        {
            ReceivedAtUtc = now, Body = Encoding.UTF8.GetString(body), SignatureOk = true, EventCount = events.Count, Error = error,
            RealmIds = DocumentSyncs.Clip(string.Join(',', events.Select(e => e.RealmId).Distinct(StringComparer.Ordinal)), 2000),
        };
        // Who each realm is connected to, read before the write transaction so the database's writer lock is held only for the writes.
        var targets = new List<(RealmConnection Connection, List<QboWebhookEvent> Changes)>();
        foreach (var realm in events.Where(e => QboEntities.Watched.Contains(e.EntityName)).GroupBy(e => e.RealmId, StringComparer.Ordinal))
        {
            var changes = realm.ToList();
            targets.AddRange((await realms.ConnectedAsync(realm.Key, ct)).Select(c => (c, changes)));
        }
        var woken = new HashSet<long>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.QboWebhookDeliveries.Add(delivery);
            await db.SaveChangesAsync(ct);
            // Only what status back reads becomes an event; the raw delivery keeps the rest (names, items, …).
            foreach (var (connection, changes) in targets)
            {
                if (await InsertAsync(connection, delivery.Id, changes, now, ct) > 0) woken.Add(connection.OrganizationId);
            }
            await tx.CommitAsync(ct);
        }
        foreach (var organization in woken)
        {
            await grains.GetGrain<ICompanySyncGrain>(organization).WakeAsync();
        }
        return WebhookAnswer.Accepted;
    }

    /// <summary>Rows written by one INSERT (10 parameters each, well inside SQLite's and PostgreSQL's limits).</summary>
    private const int RowsPerInsert = 500;

    /// <summary>
    /// Writes the delivery's events for one organization, several rows to a statement, skipping any change already stored:
    /// the unique key decides, not a prior read. Returns how many were new. Written in SQL with its organization named, as
    /// no organization is in scope for Intuit's call.
    /// </summary>
    private async Task<int> InsertAsync(RealmConnection connection, long deliveryId, List<QboWebhookEvent> changes, DateTime now, CancellationToken ct)
    {
        var inserted = 0;
        foreach (var chunk in changes.Chunk(RowsPerInsert))
        {
            var sql = new StringBuilder("""
                INSERT INTO "QboChangeEvents" ("OrganizationId", "ConnectionId", "DeliveryId", "RealmId", "Entity", "EntityId", "Operation", "EventKey",
                    "OccurredAtUtc", "ReceivedAtUtc", "ProcessedAtUtc", "Attempts", "Outcome")
                VALUES
                """);
            var values = new List<object>(chunk.Length * 11);
            foreach (var change in chunk)
            {
                var first = values.Count;
                values.AddRange([connection.OrganizationId, connection.ConnectionId, deliveryId, change.RealmId, DocumentSyncs.Clip(change.EntityName, 32)!,
                    DocumentSyncs.Clip(change.EntityId, 64)!, change.Operation.ToString(), EventKey(change), change.OccurredAt?.UtcDateTime ?? now, now]);
                sql.Append(values.Count == 10 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture,
                    $"({{{first}}}, {{{first + 1}}}, {{{first + 2}}}, {{{first + 3}}}, {{{first + 4}}}, {{{first + 5}}}, {{{first + 6}}}, {{{first + 7}}}, {{{first + 8}}}, {{{first + 9}}}, NULL, 0, NULL)");
            }
            sql.Append("\nON CONFLICT DO NOTHING");
            inserted += await db.Database.ExecuteSqlRawAsync(sql.ToString(), values, ct);
        }
        return inserted;
    }

    /// <summary>When the change happened, as QBO said (to the millisecond); its CloudEvents id when QBO gave no time.</summary>
    public static string EventKey(QboWebhookEvent change) =>
        change.OccurredAt is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : DocumentSyncs.Clip(change.EventId, 64) ?? "unknown";

    /// <summary>The body, or null when it is larger than <see cref="MaxBodyBytes"/> (by its Content-Length or as read).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuickBooks webhook refused: missing or wrong intuit-signature (from {Remote}, {Bytes} bytes). Check QuickBooks:WebhookVerifierToken.")]
    private static partial void LogBadSignature(ILogger logger, string remote, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuickBooks webhook signed but unreadable ({Reason}); stored, and CDC will catch up")]
    private static partial void LogUnreadable(ILogger logger, string reason);
}
