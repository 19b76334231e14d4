using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.Bench.Push;

namespace Groundwork.Bench.Status;

/// <summary>What the webhook endpoint did under load: deliveries and events acknowledged per second, and how fast.</summary>
internal sealed record Ingest(int Deliveries, int Events, int Failed, double Seconds, double P50, double P99, double Max, double AppCpuSeconds)
{
    public double EventsPerSecond => Events / Seconds;
}

/// <summary>
/// Webhook ingest: signed deliveries POSTed to <c>/integrations/quickbooks/webhooks</c> as fast as the endpoint acknowledges
/// them, from several connections at once, alternating Intuit's two formats (CloudEvents and the legacy
/// <c>eventNotifications</c>). Each announces changes of invoices QuickBooks has but Groundwork never linked, in a realm
/// that is connected, so every event is stored, deduplicated and handed to the company's grain (which reads the links and
/// ignores them) — the work a busy company's deliveries cause, without QuickBooks' rate limit deciding the figure.
/// </summary>
internal static class WebhookIngestBench
{
    private const string VerifierToken = "groundwork-dev-verifier-token";

    public static async Task<Ingest> RunAsync(BenchHost host, string realm, int connections, int eventsPerDelivery, TimeSpan duration, TimeSpan warmup)
    {
#pragma warning disable RS0030 // A bench, not the app: a plain client.
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(host.AppUrl), Timeout = TimeSpan.FromSeconds(30) };
#pragma warning restore RS0030
        var next = 0L;
        // The warm-up's deliveries (JIT, connection pool, SQLite pages) are not counted.
        await PostForAsync(http, realm, connections, eventsPerDelivery, warmup, () => Interlocked.Increment(ref next));
        var cpu = host.App.CpuTime();
        var watch = Stopwatch.StartNew();
        var (acks, failed) = await PostForAsync(http, realm, connections, eventsPerDelivery, duration, () => Interlocked.Increment(ref next));
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuSeconds = (host.App.CpuTime() - cpu).TotalSeconds;
        var sorted = acks.Order().ToList();
        return new Ingest(sorted.Count, sorted.Count * eventsPerDelivery, failed, seconds, Stats.Percentile(sorted, 0.50), Stats.Percentile(sorted, 0.99),
            sorted.Count == 0 ? double.NaN : sorted[^1], cpuSeconds);
    }

    /// <summary>Posts deliveries from <paramref name="connections"/> connections until <paramref name="duration"/> is over; each acknowledgement's time in ms.</summary>
    private static async Task<(List<double> Acks, int Failed)> PostForAsync(HttpClient http, string realm, int connections, int eventsPerDelivery, TimeSpan duration,
        Func<long> nextDelivery)
    {
        var acks = new List<double>();
        var failed = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, connections), new ParallelOptions { MaxDegreeOfParallelism = connections }, async (_, _) =>
        {
            var mine = new List<double>();
            var bad = 0;
            while (clock.Elapsed < duration)
            {
                var n = nextDelivery();
                var body = n % 2 == 0 ? CloudEvents(realm, n, eventsPerDelivery) : Legacy(realm, n, eventsPerDelivery);
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                content.Headers.Add("intuit-signature", Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(VerifierToken), Encoding.UTF8.GetBytes(body))));
                var watch = Stopwatch.StartNew();
                using var response = await http.PostAsync("/integrations/quickbooks/webhooks", content);
                var ms = watch.Elapsed.TotalMilliseconds;
                if (response.StatusCode == HttpStatusCode.OK) mine.Add(ms);
                else bad++;
            }
            lock (acks)
            {
                acks.AddRange(mine);
                failed += bad;
            }
        });
        return (acks, failed);
    }

    /// <summary>A CloudEvents delivery: one event per changed invoice, each with its own id and time.</summary>
    private static string CloudEvents(string realm, long delivery, int events) => JsonSerializer.Serialize(Enumerable.Range(0, events).Select(i => new Dictionary<string, string>
    {
        ["specversion"] = "1.0", ["id"] = $"bench-{delivery}-{i}", ["source"] = "intuit.bench", ["type"] = "qbo.invoice.updated.v1",
        ["time"] = Time(delivery, i), ["intuitentityid"] = EntityId(delivery, i), ["intuitaccountid"] = realm,
    }));

    /// <summary>A legacy delivery: one notification for the realm listing the changed invoices.</summary>
    private static string Legacy(string realm, long delivery, int events) => JsonSerializer.Serialize(new
    {
        eventNotifications = new[]
        {
            new
            {
                realmId = realm,
                dataChangeEvent = new { entities = Enumerable.Range(0, events).Select(i => new { name = "Invoice", id = EntityId(delivery, i), operation = "Update", lastUpdated = Time(delivery, i) }) },
            },
        },
    });

    private static string EntityId(long delivery, int i) => (900_000_000L + delivery * 100 + i).ToString(CultureInfo.InvariantCulture);

    private static string Time(long delivery, int i) =>
        new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(delivery * 100 + i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
