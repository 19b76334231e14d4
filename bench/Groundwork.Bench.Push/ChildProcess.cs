using System.Diagnostics;
using System.Globalization;

namespace Groundwork.Bench.Push;

/// <summary>
/// A built .NET program the bench starts (<c>dotnet some.dll</c>) with its own environment, output appended to a log
/// file, and what Linux knows of it: CPU time and peak resident memory from /proc. Stopped (by its own id) when disposed.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly double TicksPerSecond = ClockTicks();
    private readonly Process process;

    private ChildProcess(string name, Process process, string log)
    {
        Name = name;
        this.process = process;
        Log = log;
    }

    public string Name { get; }

    public string Log { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary><c>exec dotnet …</c> through sh: the output goes straight to the file and the process id is dotnet's own.</summary>
    public static ChildProcess Start(string name, string workingDirectory, string dll, IEnumerable<string> args, IDictionary<string, string> environment, string log)
    {
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$GW_BENCH_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        start.Environment["GW_BENCH_LOG"] = log;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        return new ChildProcess(name, process, log);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        return process.ExitCode;
    }

    /// <summary>User + system CPU time so far (all threads), from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>
    /// CPU time so far of each of the runtime's tiered-compilation threads (".NET Tiered Com…"), by thread id: the background
    /// JIT that recompiles hot methods optimized (tier 1) after they have run a while. The runtime ends the thread when it is
    /// idle and starts another later, so a reader samples often (<see cref="JitWatch"/>).
    /// </summary>
    public Dictionary<int, long> JitThreadTicks()
    {
        var ticks = new Dictionary<int, long>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{Id}/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered Com", StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] =
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }
        return ticks;
    }

    public static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>Peak resident set size (VmHWM) in MB since start or the last <see cref="ResetPeak"/>.</summary>
    public double PeakMb() => StatusKb("VmHWM") / 1024.0;

    public double ResidentMb() => StatusKb("VmRSS") / 1024.0;

    /// <summary>Starts the peak over from the current size (Linux: "5" to clear_refs); false if the kernel refused.</summary>
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Id}/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public string Tail(int lines = 30)
    {
        try
        {
            return string.Join('\n', File.ReadLines(Log).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
    }

    private long StatusKb(string field)
    {
        var line = File.ReadLines($"/proc/{Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    private static double ClockTicks()
    {
        // USER_HZ is 100 on every Linux the bench runs on; getconf says so when it is there.
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true, UseShellExecute = false });
            var text = getconf!.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var hz) && hz > 0 ? hz : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}

/// <summary>
/// The background JIT's CPU time since this watch began, from samples of its threads: a thread that ends between two samples
/// loses what it used since the last one, so sample often (every second is plenty: the figure is a lower bound).
/// </summary>
internal sealed class JitWatch(ChildProcess process)
{
    private readonly Dictionary<int, long> _baseline = process.JitThreadTicks();
    private readonly Dictionary<int, long> _latest = new();

    /// <summary>Samples the threads; true when any has used CPU since the last sample (or one has started).</summary>
    public bool Sample()
    {
        var changed = false;
        foreach (var (tid, ticks) in process.JitThreadTicks())
        {
            if (_latest.TryGetValue(tid, out var before) ? before != ticks : ticks != _baseline.GetValueOrDefault(tid)) changed = true;
            _latest[tid] = ticks;
        }
        return changed;
    }

    public TimeSpan Used => ChildProcess.Ticks(_latest.Sum(t => t.Value - _baseline.GetValueOrDefault(t.Key)));
}

/// <summary>The machine while the bench runs: cores and the 1-minute load average.</summary>
internal static class Machine
{
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
