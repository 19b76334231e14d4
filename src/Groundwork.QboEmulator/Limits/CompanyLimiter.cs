using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Groundwork.QboEmulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Limits;

/// <summary>Counters one company's limiter reports through the admin API.</summary>
internal sealed record LimitCounters(string RealmId, long Accepted, long Throttled, long BatchAccepted, long BatchThrottled, long InFlight, long RemainingThisMinute);

/// <summary>
/// Intuit's per-realm limits with System.Threading.RateLimiting: 10 concurrent, 500 per minute, 40 batches per minute.
/// Windows follow the emulator clock (replenished here, not by a wall-clock timer) so they scale and can be faked in tests.
/// </summary>
internal sealed class CompanyLimiter(EmulatorClock clock, IOptions<QboEmulatorOptions> options)
{
    private readonly ConcurrentDictionary<string, RealmLimits> realms = new(StringComparer.Ordinal);

    /// <summary>A lease to hold for the request, or null when the request is throttled (429, code 3001).</summary>
    public IDisposable? TryAcquire(string realmId, bool isBatch)
    {
        var limits = options.Value.Limits;
        if (!limits.Enabled)
        {
            return NoLease.Instance;
        }

        var realm = realms.GetOrAdd(realmId, _ => new RealmLimits(limits));
        realm.Replenish(clock.UtcNow.ToUnixTimeMilliseconds() / 60_000);
        var concurrent = realm.Concurrency.AttemptAcquire();
        if (!concurrent.IsAcquired)
        {
            realm.Count(isBatch, accepted: false);
            return null;
        }

        var perMinute = realm.PerMinute.AttemptAcquire();
        var batch = isBatch ? realm.Batches.AttemptAcquire() : null;
        if (!perMinute.IsAcquired || batch is { IsAcquired: false })
        {
            concurrent.Dispose();
            realm.Count(isBatch, accepted: false);
            return null;
        }

        realm.Count(isBatch, accepted: true);
        return concurrent;
    }

    public List<LimitCounters> Counters() =>
        [.. realms.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.Snapshot(r.Key))];

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class RealmLimits(QboEmulatorLimits limits)
    {
        private long window = -1;
        private long accepted;
        private long throttled;
        private long batchAccepted;
        private long batchThrottled;

        public ConcurrencyLimiter Concurrency { get; } = new(new ConcurrencyLimiterOptions { PermitLimit = limits.ConcurrentRequests, QueueLimit = 0 });

        public FixedWindowRateLimiter PerMinute { get; } = Window(limits.RequestsPerMinute);

        public FixedWindowRateLimiter Batches { get; } = Window(limits.BatchRequestsPerMinute);

        public void Replenish(long minute)
        {
            if (Interlocked.Exchange(ref window, minute) != minute)
            {
                PerMinute.TryReplenish();
                Batches.TryReplenish();
            }
        }

        public void Count(bool isBatch, bool accepted)
        {
            Interlocked.Increment(ref accepted ? ref this.accepted : ref throttled);
            if (isBatch)
            {
                Interlocked.Increment(ref accepted ? ref batchAccepted : ref batchThrottled);
            }
        }

        public LimitCounters Snapshot(string realmId) => new(realmId, accepted, throttled, batchAccepted, batchThrottled,
            limits.ConcurrentRequests - (Concurrency.GetStatistics()?.CurrentAvailablePermits ?? 0),
            PerMinute.GetStatistics()?.CurrentAvailablePermits ?? 0);

        /// <summary>
        /// The window is driven by <see cref="Replenish"/> on the emulated clock; the limiter's own Window only gates
        /// manual replenishment against the wall clock, so it is kept minimal.
        /// </summary>
        private static FixedWindowRateLimiter Window(int permits) => new(new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits, Window = TimeSpan.FromTicks(1), QueueLimit = 0, AutoReplenishment = false,
        });
    }
}
