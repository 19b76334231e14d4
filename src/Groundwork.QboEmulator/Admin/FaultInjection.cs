using System.Collections.Concurrent;

namespace Groundwork.QboEmulator.Admin;

/// <summary>Fault-injection settings for one company ("*" applies to every company).</summary>
internal sealed class FaultSettings
{
    /// <summary>Added latency per API request, in real milliseconds.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share of API requests (0..1) answered 500 SystemFault before any work.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Status of injected server errors: 500 (default) or 503 (Intuit's "service unavailable" under sustained load).</summary>
    public int ErrorStatus { get; set; } = 500;

    /// <summary>The next N API requests answer with <see cref="ErrorStatus"/>.</summary>
    public int FailNext { get; set; }

    /// <summary>The next N API requests answer 429 (code 3001).</summary>
    public int ThrottleNext { get; set; }

    /// <summary>The next N writes commit and then the connection is dropped without an answer.</summary>
    public int DropResponseNext { get; set; }

    /// <summary>Share of writes (0..1) whose answer is dropped after commit.</summary>
    public double DropResponseRate { get; set; }
}

/// <summary>Holds fault-injection settings and decides, request by request, which fault fires.</summary>
internal sealed class FaultInjection
{
    private readonly ConcurrentDictionary<string, FaultSettings> settings = new(StringComparer.Ordinal);

    public FaultSettings Get(string realmId) => settings.GetValueOrDefault(realmId) ?? settings.GetValueOrDefault("*") ?? new FaultSettings();

    public IReadOnlyDictionary<string, FaultSettings> All => settings;

    public void Set(string realmId, FaultSettings value) => settings[realmId] = value;

    public void Clear() => settings.Clear();

    public bool TakeThrottle(string realmId) => Take(realmId, s => s.ThrottleNext, (s, v) => s.ThrottleNext = v, 0);

    public bool TakeFailure(string realmId) => Take(realmId, s => s.FailNext, (s, v) => s.FailNext = v, Get(realmId).ErrorRate);

    public bool TakeDrop(string realmId) => Take(realmId, s => s.DropResponseNext, (s, v) => s.DropResponseNext = v, Get(realmId).DropResponseRate);

    private bool Take(string realmId, Func<FaultSettings, int> read, Action<FaultSettings, int> write, double rate)
    {
        var s = settings.GetValueOrDefault(realmId) ?? settings.GetValueOrDefault("*");
        if (s is null)
        {
            return false;
        }

        lock (s)
        {
            if (read(s) > 0)
            {
                write(s, read(s) - 1);
                return true;
            }
        }

        return rate > 0 && Random.Shared.NextDouble() < rate;
    }
}
