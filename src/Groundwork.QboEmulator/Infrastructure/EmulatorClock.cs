using System.Globalization;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Infrastructure;

/// <summary>
/// The emulator's notion of "now": the injected TimeProvider sped up by <see cref="QboEmulatorOptions.TimeScale"/>,
/// so a benchmark can make Intuit's per-minute windows, token lifetimes and webhook retries pass quickly.
/// </summary>
internal sealed class EmulatorClock
{
    private static readonly TimeZoneInfo Pacific = FindPacific();
    private readonly DateTimeOffset anchor;

    public EmulatorClock(TimeProvider time, IOptions<QboEmulatorOptions> options)
    {
        Real = time;
        Scale = options.Value.TimeScale > 0 ? options.Value.TimeScale : 1;
        anchor = time.GetUtcNow();
    }

    public TimeProvider Real { get; }

    public double Scale { get; }

    public DateTimeOffset UtcNow => anchor + ((Real.GetUtcNow() - anchor) * Scale);

    /// <summary>Real time to wait for an emulated span (e.g. a webhook retry after "5 minutes").</summary>
    public TimeSpan ToReal(TimeSpan emulated) => emulated / Scale;

    /// <summary>QBO answers in the company's local time with an offset; sandbox companies are in US Pacific.</summary>
    public static DateTimeOffset ToCompanyTime(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Pacific);

    public static string MetaTime(DateTimeOffset instant) =>
        ToCompanyTime(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string ResponseTime() =>
        ToCompanyTime(UtcNow).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    public string Today() => ToCompanyTime(UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TimeZoneInfo FindPacific()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
