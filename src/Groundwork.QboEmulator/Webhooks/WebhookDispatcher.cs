using System.Collections.Concurrent;
using System.Text;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Webhooks;

/// <summary>One delivery attempt, kept for the admin API and tests.</summary>
internal sealed record WebhookDelivery(string ClientId, string RealmId, int Attempt, int? Status, string Body, string Signature, DateTimeOffset At);

/// <summary>
/// Signed notifications to each connected app: events grouped per (emulated) window and realm, one delivery in flight
/// per app, Intuit's retry schedule (10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h) on non-2xx or timeout.
/// </summary>
internal sealed class WebhookDispatcher(
    EmulatorStore store,
    TokenService tokens,
    ClientAppRegistry apps,
    IHttpClientFactory httpClients,
    EmulatorClock clock,
    IOptions<QboEmulatorOptions> options) : BackgroundService
{
    public static readonly TimeSpan[] RetrySchedule =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(20), TimeSpan.FromHours(2), TimeSpan.FromHours(4), TimeSpan.FromHours(6),
    ];

    private const int MaxAttempts = 12;
    private static readonly HashSet<string> Silent = new(StringComparer.Ordinal) { "TaxCode", "TaxRate", "CompanyInfo" };
    private readonly ConcurrentDictionary<string, AppQueue> queues = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WebhookDelivery> log = new();
    private CancellationToken stopping;

    public IReadOnlyCollection<WebhookDelivery> Deliveries => [.. log];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        store.Changed += OnChanged;
        stoppingToken.Register(() => store.Changed -= OnChanged);
        return Task.CompletedTask;
    }

    private void OnChanged(ChangeEvent change)
    {
        if (Silent.Contains(change.Entity))
        {
            return;
        }

        foreach (var clientId in tokens.Connections(change.RealmId).Select(g => g.ClientId).Distinct())
        {
            if (apps.Find(clientId)?.WebhookUrl is not { Length: > 0 })
            {
                continue;
            }

            var queue = queues.GetOrAdd(clientId, id =>
            {
                var created = new AppQueue();
                _ = Task.Run(() => RunAsync(id, created), stopping);
                return created;
            });
            queue.Events.Enqueue(change);
            queue.Signal.Release();
        }
    }

    private async Task RunAsync(string clientId, AppQueue queue)
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await queue.Signal.WaitAsync(stopping);
                await Task.Delay(clock.ToReal(options.Value.WebhookGroupingWindow), clock.Real, stopping);
                while (queue.Signal.CurrentCount > 0)
                {
                    await queue.Signal.WaitAsync(stopping);
                }

                var batch = new List<ChangeEvent>();
                while (queue.Events.TryDequeue(out var e))
                {
                    batch.Add(e);
                }

                foreach (var realm in batch.GroupBy(e => e.RealmId))
                {
                    await DeliverAsync(clientId, realm.Key, [.. realm]);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Host shutdown: undelivered events are dropped, as an outage at Intuit would drop them (CDC is the backstop).
        }
    }

    private async Task DeliverAsync(string clientId, string realmId, List<ChangeEvent> events)
    {
        if (apps.Find(clientId) is not { WebhookUrl.Length: > 0 } first)
        {
            return;
        }

        // A retry resends the same body (same CloudEvent ids), so receivers can de-duplicate.
        var body = first.WebhookFormat.Equals("Legacy", StringComparison.OrdinalIgnoreCase)
            ? WebhookPayloads.Legacy(realmId, events) : WebhookPayloads.CloudEvents(events);
        var bytes = Encoding.UTF8.GetBytes(body);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (apps.Find(clientId) is not { WebhookUrl.Length: > 0 } app)
            {
                return;
            }

            var signature = WebhookPayloads.Sign(app.VerifierToken, bytes);
            var status = await SendAsync(app.WebhookUrl!, bytes, signature);
            Record(new WebhookDelivery(clientId, realmId, attempt, status, body, signature, clock.UtcNow));
            if (status is >= 200 and < 300)
            {
                return;
            }

            var wait = RetrySchedule[Math.Min(attempt - 1, RetrySchedule.Length - 1)];
            await Task.Delay(clock.ToReal(wait), clock.Real, stopping);
        }
    }

    private async Task<int?> SendAsync(string url, byte[] body, string signature)
    {
        // Intuit expects an answer within 3 s; a slower endpoint counts as failed.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3), clock.Real);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stopping);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url)) { Content = content };
        request.Headers.TryAddWithoutValidation("intuit-signature", signature);
        try
        {
            using var response = await httpClients.CreateClient(Disconnector.HttpClientName).SendAsync(request, linked.Token);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !stopping.IsCancellationRequested))
        {
            return null;
        }
    }

    private void Record(WebhookDelivery delivery)
    {
        log.Enqueue(delivery);
        while (log.Count > 200 && log.TryDequeue(out _))
        {
        }
    }

    private sealed class AppQueue
    {
        public ConcurrentQueue<ChangeEvent> Events { get; } = new();

        public SemaphoreSlim Signal { get; } = new(0);
    }
}
