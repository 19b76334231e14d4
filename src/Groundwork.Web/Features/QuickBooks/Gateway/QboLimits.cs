using System.Threading.RateLimiting;

namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>QBO's per-company limits as Groundwork keeps them. Bound from "QuickBooks:Limits".</summary>
public sealed class QboLimitOptions
{
    /// <summary>
    /// Requests per window per company, batch requests included. Default: 480 — QBO allows 500/min; the rest is headroom for
    /// clock skew and the odd request of another feature.
    /// </summary>
    public int RequestsPerWindow { get; set; } = 480;
    /// <summary>
    /// Batch requests per window per company, out of <see cref="RequestsPerWindow"/>. Default: 39 (QBO allows 40/min). Kept
    /// for batches: other requests get the rest, so a stream of single calls never starves Push All's batches.
    /// </summary>
    public int BatchRequestsPerWindow { get; set; } = 39;
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
        // Two separate allowances that add up to RequestsPerWindow: batches have theirs, everything else the rest.
        _requests = new(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.RequestsPerWindow - options.BatchRequestsPerWindow), Window = options.Window, SegmentsPerWindow = segments, QueueLimit = 0, AutoReplenishment = true,
        });
        _batches = new(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.BatchRequestsPerWindow, Window = options.Window, SegmentsPerWindow = segments, QueueLimit = 0, AutoReplenishment = true,
        });
        _inFlight = new(new ConcurrencyLimiterOptions { PermitLimit = options.ConcurrentRequests, QueueLimit = 0 });
    }

    /// <summary>
    /// Zero when the call may go now (it then holds a concurrency slot until <see cref="Release"/>), else how long to wait, and
    /// whether the wait is for a slot: a slot frees when another call's answer comes, in real time, whatever the app's clock.
    /// </summary>
    public (TimeSpan Wait, bool ForSlot) TryAcquire(bool batch)
    {
        var slot = _inFlight.AttemptAcquire();
        if (!slot.IsAcquired)
        {
            slot.Dispose();
            return (SlotPoll, true);
        }
        using var permit = (batch ? _batches : _requests).AttemptAcquire();
        if (!permit.IsAcquired)
        {
            slot.Dispose();
            return (_segment, false);
        }
        _held.Enqueue(slot);
        return (TimeSpan.Zero, false);
    }

    /// <summary>How often a call waiting for a concurrency slot looks again.</summary>
    public static readonly TimeSpan SlotPoll = TimeSpan.FromMilliseconds(50);

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
