using System.Threading.RateLimiting;

namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>QBO's per-company limits as Groundwork keeps them. Bound from "QuickBooks:Limits".</summary>
public sealed class QboLimitOptions
{
    /// <summary>Requests per window per company. Default: 450 — QBO allows 500/min; the rest is headroom for clock skew.</summary>
    public int RequestsPerWindow { get; set; } = 450;
    /// <summary>Batch requests per window per company. Default: 36 (QBO allows 40/min).</summary>
    public int BatchRequestsPerWindow { get; set; } = 36;
    /// <summary>Requests in flight per company. Default: 10, as QBO.</summary>
    public int ConcurrentRequests { get; set; } = 10;
    /// <summary>The window. Default: one minute (a benchmark against a time-scaled emulator shortens it).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Rows per page when a whole list is read (STARTPOSITION/MAXRESULTS). Default: 1,000, QBO's maximum; tests page smaller.</summary>
    public int ListPageSize { get; set; } = Groundwork.QuickBooks.QboQuery.MaxPageSize;
}

/// <summary>
/// One company's limiters, held by its gateway grain so every call of that company, from any caller, counts.
/// A permit that is not free now answers with how long to wait, so no grain call blocks for long.
/// </summary>
internal sealed class QboLimits : IDisposable
{
    private readonly SlidingWindowRateLimiter _requests;
    private readonly SlidingWindowRateLimiter _batches;
    private readonly ConcurrencyLimiter _inFlight;
    private readonly Queue<RateLimitLease> _held = new();
    private readonly TimeSpan _segment;

    public QboLimits(QboLimitOptions options)
    {
        const int segments = 12;
        _segment = options.Window / segments;
        _requests = new(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.RequestsPerWindow, Window = options.Window, SegmentsPerWindow = segments, QueueLimit = 0, AutoReplenishment = true,
        });
        _batches = new(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.BatchRequestsPerWindow, Window = options.Window, SegmentsPerWindow = segments, QueueLimit = 0, AutoReplenishment = true,
        });
        _inFlight = new(new ConcurrencyLimiterOptions { PermitLimit = options.ConcurrentRequests, QueueLimit = 0 });
    }

    /// <summary>Zero when the call may go now (it then holds a concurrency slot until <see cref="Release"/>), else how long to wait.</summary>
    public TimeSpan TryAcquire(bool batch)
    {
        var slot = _inFlight.AttemptAcquire();
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            return TimeSpan.FromMilliseconds(50);
        }
        using var request = _requests.AttemptAcquire();
        using var batchPermit = batch ? _batches.AttemptAcquire() : null;
        if (!request.IsAcquired || batchPermit is { IsAcquired: false })
        {
            slot.Dispose();
            return _segment;
        }
        _held.Enqueue(slot);
        return TimeSpan.Zero;
    }

    public void Release()
    {
        if (_held.TryDequeue(out var slot))
        {
            slot.Dispose();
        }
    }

    public void Dispose()
    {
        while (_held.TryDequeue(out var slot))
        {
            slot.Dispose();
        }
        _requests.Dispose();
        _batches.Dispose();
        _inFlight.Dispose();
    }
}
