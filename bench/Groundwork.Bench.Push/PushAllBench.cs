using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Groundwork.Bench.Push;

/// <summary>What one Push All did, and what it cost the app.</summary>
internal sealed record PushFigures(
    int Total, int Done, int Failed, double ServerSeconds, double ClientSeconds, double StartMilliseconds, double QboMinutes,
    MarkerCount Invoices, MarkerCount Bills, int ExpectedInQbo, int ThrottledAfterRun, int ThrottledAttempts, IReadOnlyDictionary<string, int> States,
    Counters Emulator, double AppCpuSeconds, double QueueCpuSeconds, double JitCpuSeconds, double EmulatorCpuSeconds, double PeakMb, double PeakBeforeMb, bool PeakReset,
    double LoadMin, double LoadMax, double LoadMean)
{
    /// <summary>QBO's ceiling for creates: 40 batch requests × 30 operations + the other 460 requests of a minute.</summary>
    public const double Ceiling = 40 * 30 + 460;

    public double WritesPerMinute => Done / QboMinutes;

    public double Share => WritesPerMinute / Ceiling;

    public double CpuMsPerDocument => AppCpuSeconds * 1000 / Math.Max(1, Done);

    public int Duplicates => Invoices.Duplicates + Bills.Duplicates;

    public int Missing => ExpectedInQbo - Invoices.Distinct - Bills.Distinct;
}

/// <summary>The warm-up push: how long it took and its CPU per document in a cold process.</summary>
/// <param name="SettleSeconds">How long the runtime's background JIT then went on recompiling hot code before it went quiet.</param>
internal sealed record WarmUp(double Seconds, double AppMsPerDocument, double EmulatorMsPerDocument, double SettleSeconds);

/// <summary>
/// Push All, measured: CPU and peak memory of the app process around it, the emulator's throttle counters, the
/// progress polled as the page does; afterwards QBO is read back for duplicates and the app for documents left throttled.
/// </summary>
internal static class PushAllBench
{
    public static async Task<JsonObject> PushAndWaitAsync(AppClient app, object body, TimeSpan poll, Action<JsonObject>? sample = null)
    {
        var run = await app.PostAsync("/api/v1/quickbooks/push", body);
        while ((string)run["state"]! == "running")
        {
            await Task.Delay(poll);
            run = await app.GetAsync($"/api/v1/quickbooks/push/{(string)run["id"]!}");
            sample?.Invoke(run);
        }
        return run;
    }

    /// <summary>
    /// Push All for another organization and company first, so the measured run meets a process whose code is compiled
    /// (tiered JIT) as in a server that has been up a while, not one compiling the push path as it goes.
    /// </summary>
    public static async Task<WarmUp> WarmUpAsync(BenchHost host, AppClient app, int documents)
    {
        var (appCpu, emulatorCpu) = (host.App.CpuTime(), host.Emulator.CpuTime());
        var watch = Stopwatch.StartNew();
        var run = await PushAndWaitAsync(app, new { all = true }, TimeSpan.FromMilliseconds(250));
        if ((int)run["done"]! != documents) throw new InvalidOperationException($"warm-up push failed: {run}");
        var seconds = watch.Elapsed.TotalSeconds;
        var (appMs, emulatorMs) = ((host.App.CpuTime() - appCpu).TotalMilliseconds / documents, (host.Emulator.CpuTime() - emulatorCpu).TotalMilliseconds / documents);
        return new WarmUp(seconds, appMs, emulatorMs, await SettleAsync(host.App));
    }

    /// <summary>
    /// Waits (at most two minutes) until the runtime's tiered-compilation thread has been idle for two seconds: the methods
    /// the warm-up made hot are recompiled optimized in the background after they have run a while, and a server that has
    /// been up a while has done it long ago. Returns how long it took.
    /// </summary>
    private static async Task<double> SettleAsync(ChildProcess app)
    {
        var watch = Stopwatch.StartNew();
        var jit = new JitWatch(app);
        var quietSince = TimeSpan.Zero;
        while (watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            if (jit.Sample()) quietSince = watch.Elapsed;
            else if (watch.Elapsed - quietSince >= TimeSpan.FromSeconds(2)) break;
        }
        return quietSince.TotalSeconds;
    }

    public static async Task<PushFigures> RunAsync(BenchHost host, QboSide qbo, AppClient app, string realm, string organization, int expectedInQbo, double timeScale)
    {
        var loads = new List<double> { Machine.LoadAverage() };
        var countersBefore = await qbo.CountersAsync(realm);
        var peakBefore = host.App.PeakMb();
        var peakReset = host.App.ResetPeak();
        var (appCpu, emulatorCpu, jit) = (host.App.CpuTime(), host.Emulator.CpuTime(), new JitWatch(host.App));
        var watch = Stopwatch.StartNew();
        var start = await app.PostAsync("/api/v1/quickbooks/push", new { all = true });
        var startMs = watch.Elapsed.TotalMilliseconds;
        var queueCpu = host.App.CpuTime() - appCpu;
        var run = start;
        var lastPrint = TimeSpan.Zero;
        var lastCounters = countersBefore;
        var qboMinute = TimeSpan.FromMinutes(1) / timeScale;
        while ((string)run["state"]! == "running")
        {
            // Once a second, as a progress bar would ask.
            await Task.Delay(TimeSpan.FromSeconds(1));
            run = await app.GetAsync($"/api/v1/quickbooks/push/{(string)run["id"]!}");
            loads.Add(Machine.LoadAverage());
            jit.Sample();
            if (watch.Elapsed - lastPrint >= qboMinute)
            {
                // Per QBO minute (of the scaled clock): what the emulator accepted, against its 40 batches and 500 requests.
                lastPrint = watch.Elapsed;
                var now = await qbo.CountersAsync(realm);
                var minute = now - lastCounters;
                lastCounters = now;
                Console.WriteLine($"  {watch.Elapsed.TotalSeconds,5:F0} s: done {run["done"]}, remaining {run["remaining"]}; last QBO minute: {minute.BatchAccepted} batches, " +
                    $"{minute.Accepted - minute.BatchAccepted} other requests, {minute.Throttled} throttled; load {loads[^1]:F1}");
            }
        }
        var clientSeconds = watch.Elapsed.TotalSeconds;
        var appCpuUsed = host.App.CpuTime() - appCpu;
        var emulatorCpuUsed = host.Emulator.CpuTime() - emulatorCpu;
        jit.Sample();
        var jitCpuUsed = jit.Used;
        var peak = host.App.PeakMb();
        var counters = await qbo.CountersAsync(realm) - countersBefore;
        var serverSeconds = ((DateTime)run["finishedAtUtc"]! - (DateTime)run["startedAtUtc"]!).TotalSeconds;

        var invoices = await qbo.MarkersAsync(realm, "Invoice");
        var bills = await qbo.MarkersAsync(realm, "Bill");
        var throttledAfter = await ThrottledAfterRunAsync(app);
        var (attempts, states) = AppDatabase.Read(Path.Combine(host.Directory, "groundwork.db"), organization);
        return new PushFigures((int)run["total"]!, (int)run["done"]!, (int)run["failed"]!, serverSeconds, clientSeconds, startMs, serverSeconds * timeScale / 60,
            invoices, bills, expectedInQbo, throttledAfter, attempts, states, counters, appCpuUsed.TotalSeconds, queueCpu.TotalSeconds, jitCpuUsed.TotalSeconds, emulatorCpuUsed.TotalSeconds, peak, peakBefore, peakReset,
            loads.Min(), loads.Max(), loads.Average());
    }

    /// <summary>Documents the user sees as throttled once the run is over: Unsynced Records rows with a qbo-3001/qbo-429 problem.</summary>
    private static async Task<int> ThrottledAfterRunAsync(AppClient app)
    {
        var throttled = 0;
        for (var page = 1; ; page++)
        {
            var rows = (await app.GetAsync($"/api/v1/quickbooks/unsynced?page={page}&pageSize=200"))["items"]!.AsArray();
            throttled += rows.Count(r => (string?)r!["problem"] is "qbo-3001" or "qbo-429");
            if (rows.Count < 200) return throttled;
        }
    }
}
