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
/// connected to its realm (through <see cref="WebhookWriter"/>, which commits many deliveries at once and answers only
/// once this one is stored), and wake those companies' grains. No QBO call is made here: the grain fetches the entities, so the answer takes milliseconds (Intuit allows 3 s
/// and holds back later events until one is acknowledged). A repeated delivery stores its body again but no event twice.
/// </summary>
public sealed partial class ReceiveWebhook(QboWebhookVerifier verifier, QboRealms realms, WebhookWriter writer, AppClock clock,
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

        // Who each realm is connected to is read here, so the writer's transaction holds the database's lock only to write.
        var targets = new List<(RealmConnection, IReadOnlyList<QboWebhookEvent>)>();
        foreach (var realm in events.Where(e => QboEntities.Watched.Contains(e.EntityName)).GroupBy(e => e.RealmId, StringComparer.Ordinal))
        {
            var changes = realm.ToList();
            targets.AddRange((await realms.RecentlyConnectedAsync(realm.Key, ct)).Select(c => (c, (IReadOnlyList<QboWebhookEvent>)changes)));
        }
        // Only what status back reads becomes an event; the raw delivery keeps the rest (names, items, …).
        await writer.WriteAsync(new WebhookWrite(Encoding.UTF8.GetString(body),
            DocumentSyncs.Clip(string.Join(',', events.Select(e => e.RealmId).Distinct(StringComparer.Ordinal)), 2000), events.Count, error, clock.UtcNow, targets));
        return WebhookAnswer.Accepted;
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
