namespace Groundwork.Web.Infrastructure;

/// <summary>
/// The app's clock: what every use case, page, grain and schedule of Groundwork reads. It is a service of its own, not the
/// <see cref="TimeProvider"/> that Orleans and the framework run on, so a test can replace it app-wide (grains included)
/// with a fake without the silo declaring itself dead when fake time stands still or jumps.
/// </summary>
public sealed class AppClock(TimeProvider time) : TimeProvider
{
    public static AppClock Real { get; } = new(TimeProvider.System);

    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

    public override long TimestampFrequency => time.TimestampFrequency;

    public override long GetTimestamp() => time.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        time.CreateTimer(callback, state, dueTime, period);

    /// <summary>Now, as the UTC <see cref="DateTime"/> the database stores.</summary>
    public DateTime UtcNow => GetUtcNow().UtcDateTime;
}
