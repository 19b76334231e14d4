using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>
/// Fake time that also records every timer created: a retry delay shows up as a timer with exactly that due time,
/// so a test can see what the pipeline waits for and advance the clock only once the wait has begun.
/// </summary>
internal sealed class ObservedTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _dueTimes = new();

    public FakeTimeProvider Fake { get; } = fake;

    public IReadOnlyList<TimeSpan> DueTimes => [.. _dueTimes];

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _dueTimes.Enqueue(dueTime);
        return timer;
    }

    /// <summary>Waits (in real time) until a timer due after <paramref name="dueTime"/> exists; false on timeout.</summary>
    public async Task<bool> WaitForTimerAsync(TimeSpan dueTime, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!_dueTimes.Contains(dueTime))
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}
