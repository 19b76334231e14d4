using System.Globalization;
using Groundwork.Bench.Push;

// Issue 9's proof: Push All of N documents (invoices and bills, 2–10 lines, names already linked) for one company against
// the standalone emulator with Intuit's limits on a scaled clock, and Unsynced Records with 10,000 documents.
// Starts both processes itself (built in this configuration), prints the figures, stops them. Usage:
//   dotnet run -c Release --project bench/Groundwork.Bench.Push -- [documents=5000] [unsynced=10000] [scale=10] [warmup=5000] [webhooks=0] [concurrency=6] [requests=200]
// warmup: documents another organization pushes first (JIT tiering), 0 for none; concurrency: API requests at once while seeding;
// webhooks=1: the emulator sends Groundwork its webhooks (status back), as Intuit does for a production app.
var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
double Option(string name, double fallback) => options.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
var documents = (int)Option("documents", 5000);
var unsynced = (int)Option("unsynced", 10_000);
var scale = Option("scale", 10);
var concurrency = (int)Option("concurrency", 6);
var requests = (int)Option("requests", 200);
var warmup = (int)Option("warmup", 5000);
var webhooks = Option("webhooks", 0) > 0;

var run = Seeding.Run();
var password = "bench-" + Guid.NewGuid().ToString("N")[..16];
var warmer = new Owner($"warm-{run}@bench.example", password, $"Warm-up Bench {run}");
var pusher = new Owner($"push-{run}@bench.example", password, $"Push Bench {run}");
var waiter = new Owner($"unsynced-{run}@bench.example", password, $"Unsynced Bench {run}");
Console.WriteLine($"{Environment.ProcessorCount} cores, load average {Machine.LoadAverage():F1}; time scale {scale} (a QBO minute is {60 / scale:F1} s); webhooks {(webhooks ? "on" : "off")}");

using var host = await BenchHost.StartAsync(scale, webhooks, [warmer, pusher, waiter]);
Console.CancelKeyPress += (_, _) => host.Dispose();
Console.WriteLine($"emulator pid {host.Emulator.Id} at {host.EmulatorUrl}, app pid {host.App.Id} at {host.AppUrl}; files in {host.Directory}");
using var qbo = new QboSide(host.EmulatorUrl, host.AdminKey);

var warming = warmup > 0 ? await ReadyOrganization.PrepareAsync(host, qbo, warmer, run, $"W{run}-", warmup, concurrency) : null;
var measured = await ReadyOrganization.PrepareAsync(host, qbo, pusher, run, $"P{run}-", documents, concurrency);
var warm = warming is null ? new WarmUp(0, double.NaN, double.NaN, 0) : await PushAllBench.WarmUpAsync(host, warming.App, warmup);
Console.WriteLine($"Push All of {documents:N0} ({measured.Invoices:N0} invoices, {documents - measured.Invoices:N0} bills) to realm {measured.Realm}…");
var f = await PushAllBench.RunAsync(host, qbo, measured.App, measured.Realm, pusher.Organization, measured.Linked + documents, scale);
static string Goal(bool met) => met ? "met" : "**missed**";
Console.WriteLine($"""

    | figure | result | goal |
    |---|---|---|
    | documents pushed (done / failed of total) | {f.Done:N0} / {f.Failed:N0} of {f.Total:N0} | all |
    | Push All to finished (server; client saw) | {f.ServerSeconds:F1} s = {f.QboMinutes:F2} QBO min ({f.ClientSeconds:F1} s) | |
    | writes/min (documents ÷ QBO minutes) | {f.WritesPerMinute:N0} | |
    | share of QBO's ceiling (÷ 1,660) | {f.Share:F3} | ≥ 0.95 {Goal(f.Share >= 0.95)} |
    | duplicates in QBO (same marker twice; invoices + bills) | {f.Duplicates} ({f.Invoices.Records:N0} + {f.Bills.Records:N0} marked records, {f.Missing} missing) | 0 {Goal(f.Duplicates == 0 && f.Missing == 0)} |
    | user-visible 429s (documents left qbo-3001/429 after the run) | {f.ThrottledAfterRun} | 0 {Goal(f.ThrottledAfterRun == 0)} |
    | throttled attempts the drain saw (journal; document shown "Retrying") | {f.ThrottledAttempts} | |
    | emulator: requests accepted / throttled (batches) | {f.Emulator.Accepted:N0} / {f.Emulator.Throttled:N0} ({f.Emulator.BatchAccepted:N0} / {f.Emulator.BatchThrottled:N0}) | |
    | app CPU per document (user+sys ÷ documents; includes a progress poll a second) | {f.CpuMsPerDocument:F3} ms ({f.AppCpuSeconds:F2} s: {f.QueueCpuSeconds:F2} s queueing the run, {f.AppCpuSeconds - f.QueueCpuSeconds:F2} s draining it; of all that, at least {f.JitCpuSeconds:F2} s the runtime's background JIT) | ≤ 0.5 ms {Goal(f.CpuMsPerDocument <= 0.5)} |
    | emulator CPU (for information) | {f.EmulatorCpuSeconds:F2} s | |
    | app peak memory during Push All (VmHWM{(f.PeakReset ? ", reset before" : ", since start")}) | {f.PeakMb:N0} MB (before: {f.PeakBeforeMb:N0} MB) | ≤ 600 MB {Goal(f.PeakMb <= 600)} |
    | POST push (all: true; queues the run) | {f.StartMilliseconds:N0} ms | |
    | final sync states | {string.Join(", ", f.States.Select(s => $"{s.Key} {s.Value:N0}"))} | |
    | warm-up before it: Push All of {warmup:N0} documents for another organization and company, cold process | {warm.Seconds:F1} s; app CPU {warm.AppMsPerDocument:F3} ms/document, emulator {warm.EmulatorMsPerDocument:F3} ms/document; then {warm.SettleSeconds:F1} s until the background JIT was quiet | |
    | emulator CPU per document during Push All (for information) | {f.EmulatorCpuSeconds * 1000 / Math.Max(1, f.Done):F3} ms | |
    | load average (1 min) during the run | {f.LoadMin:F1}–{f.LoadMax:F1} (mean {f.LoadMean:F1}) on {Environment.ProcessorCount} cores | |

    """);

if (unsynced > 0)
{
    var other = await AppClient.SignInAsync(host.AppUrl, waiter);
    var otherRealm = await qbo.NewCompanyAsync($"Unsynced Bench {run}");
    var otherParties = await Seeding.PartiesAsync(other, run, customers: 3, vendors: 2);
    Console.WriteLine($"making {unsynced:N0} documents for Unsynced Records…");
    await Seeding.DocumentsAsync(other, otherParties, $"U{run}-", unsynced, concurrency);
    await other.ConnectAsync(otherRealm);
    var load = Machine.LoadAverage();
    var timings = await UnsyncedBench.RunAsync(other, requests);
    Console.WriteLine($"\n| Unsynced Records (load average {load:F1}→{Machine.LoadAverage():F1}) | requests | p50 | p95 | max | HTTP |\n|---|---|---|---|---|---|");
    foreach (var t in timings)
    {
        Console.WriteLine(t.Requests == 0 ? $"| {t.What} | 0 | | | | {t.Statuses} |"
            : $"| {t.What} | {t.Requests} | {Stats.Ms(t.P50)} | {Stats.Ms(t.P95)} {(t.P95 <= 200 ? "" : "**(goal ≤ 200 ms missed)**")} | {Stats.Ms(t.Max)} | {t.Statuses} |");
    }
}
Console.WriteLine($"\nlogs: {host.Directory}");
