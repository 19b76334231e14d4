using System.Globalization;
using Groundwork.Bench.Push;
using Groundwork.Bench.Status;

// Issue 10's proof: QuickBooks change → Groundwork status latency (p50/p95) with webhooks and with every webhook lost
// (CDC alone, on the app's default schedule), and webhook ingest (events/s, p99 acknowledgement). Starts the standalone
// emulator and the app itself (built in this configuration; the app on SQLite, Production, default status-back settings),
// prints the figures, stops them. Usage:
//   dotnet run -c Release --project bench/Groundwork.Bench.Status -- [invoices=100] [hookWorkers=4] [cdcWorkers=20] [ingestSeconds=20] [connections=8] [events=5]
// invoices: per company, each paid twice (two changes); connections: deliveries in flight at once; events: changes per delivery;
// latency=0: only the ingest part.
var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
int Option(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var invoices = Option("invoices", 100);
var hookWorkers = Option("hookWorkers", 4);
var cdcWorkers = Option("cdcWorkers", 20);
var ingestSeconds = Option("ingestSeconds", 20);
var connections = Option("connections", 8);
var events = Option("events", 5);
var latency = Option("latency", 1) > 0;

var run = Seeding.Run();
var password = "bench-" + Guid.NewGuid().ToString("N")[..16];
var lost = new Owner($"cdc-{run}@bench.example", password, $"Cdc Bench {run}");
var hooked = new Owner($"hooks-{run}@bench.example", password, $"Hooks Bench {run}");
Console.WriteLine($"{Environment.ProcessorCount} cores, load average {Machine.LoadAverage():F1}");

// The emulator starts with the app's webhooks dropped; they are turned on (its admin API) for the run with webhooks.
using var host = await BenchHost.StartAsync(1, webhooks: false, [lost, hooked], new Dictionary<string, string>
{
    // The push bench keeps CDC out of its figures; here the app's defaults are what is measured.
    ["QuickBooks__Sync__CdcInterval"] = "00:05:00",
});
Console.CancelKeyPress += (_, _) => host.Dispose();
Console.WriteLine($"emulator pid {host.Emulator.Id} at {host.EmulatorUrl}, app pid {host.App.Id} at {host.AppUrl}; files in {host.Directory}");
using var side = new QboSide(host.EmulatorUrl, host.AdminKey);
using var qbo = new QboCompany(host.EmulatorUrl, host.AdminKey);

Console.WriteLine($"pushing {invoices} invoices for each of two companies…");
if (!latency) invoices = 0;
var cdcCompany = await StatusLatencyBench.PrepareAsync(host, side, qbo, lost, run, invoices);
var hookCompany = await StatusLatencyBench.PrepareAsync(host, side, qbo, hooked, run, invoices);

Console.WriteLine($"without webhooks: {2 * invoices} payments in QuickBooks, {cdcWorkers} at a time, each after a random 0–30 s pause…");
var cdcLoad = Machine.LoadAverage();
var withoutHooks = await StatusLatencyBench.RunAsync(cdcCompany, qbo, cdcWorkers, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(6));

await qbo.SetWebhookUrlAsync($"{host.AppUrl}/integrations/quickbooks/webhooks");
Console.WriteLine($"with webhooks: {2 * invoices} payments in QuickBooks, {hookWorkers} at a time…");
var hookLoad = Machine.LoadAverage();
var withHooks = await StatusLatencyBench.RunAsync(hookCompany, qbo, hookWorkers, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(6));

Console.WriteLine($"webhook ingest: {connections} connections, {events} events a delivery, {ingestSeconds} s…");
var ingestLoad = Machine.LoadAverage();
var ingest = await WebhookIngestBench.RunAsync(host, hookCompany.Realm, connections, events, TimeSpan.FromSeconds(ingestSeconds), TimeSpan.FromSeconds(5));

static string Goal(bool met) => met ? "met" : "**missed**";
static string S(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
Console.WriteLine($"""

    | figure | result | goal |
    |---|---|---|
    | change → status with webhooks: p50 / p95 / max ({withHooks.Seconds.Count} changes, {withHooks.Lost} lost; poll 50 ms) | {S(withHooks.P(0.50))} / {S(withHooks.P(0.95))} / {S(withHooks.P(1))} | p95 ≤ 2 s {Goal(withHooks.P(0.95) <= 2 && withHooks.Lost == 0)} |
    | change → status, every webhook lost (CDC): p50 / p95 / max ({withoutHooks.Seconds.Count} changes, {withoutHooks.Lost} lost; poll 250 ms) | {S(withoutHooks.P(0.50))} / {S(withoutHooks.P(0.95))} / {S(withoutHooks.P(1))} | p95 ≤ 60 s {Goal(withoutHooks.P(0.95) <= 60 && withoutHooks.Lost == 0)} |
    | webhook ingest: events/s ({ingest.Deliveries:N0} deliveries × {events} events in {ingest.Seconds:F1} s, half CloudEvents, half legacy; {ingest.Failed} not 200) | {ingest.EventsPerSecond:N0} | ≥ 2,000 {Goal(ingest.EventsPerSecond >= 2000 && ingest.Failed == 0)} |
    | webhook acknowledgement p50 / p99 / max ({connections} connections) | {ingest.P50:F1} / {ingest.P99:F1} / {ingest.Max:F1} ms | p99 ≤ 50 ms {Goal(ingest.P99 <= 50)} |
    | app CPU during ingest (user+sys ÷ wall) | {ingest.AppCpuSeconds / ingest.Seconds:F2} cores ({ingest.AppCpuSeconds * 1000 / Math.Max(1, ingest.Events):F3} ms per event) | |
    | load average (1 min) before each part | without webhooks {cdcLoad:F1}, with {hookLoad:F1}, ingest {ingestLoad:F1}; now {Machine.LoadAverage():F1} on {Environment.ProcessorCount} cores | |
    | wall time of the latency parts | without webhooks {withoutHooks.WallSeconds:F0} s, with {withHooks.WallSeconds:F0} s | |

    logs: {host.Directory}
    """);
