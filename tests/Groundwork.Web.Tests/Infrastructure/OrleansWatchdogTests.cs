using System.Diagnostics;
using Groundwork.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// Orleans' silo watchdog can measure its first participant check from timestamp 0 (a start-up race in Orleans 10.4):
/// with the system clock that reads as the machine's uptime and logs a bogus 11–20 minute "deadlock" warning.
/// </summary>
public sealed class OrleansWatchdogTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public void MembershipClock_UnsetTimestamp_MeasuresLessThanTheProcessHasRun()
    {
        var clock = app.Services.GetRequiredKeyedService<TimeProvider>(Orleans.Runtime.TimeProviderNames.Membership);
        using var process = Process.GetCurrentProcess();
        var processAge = TimeProvider.System.GetLocalNow() - new DateTimeOffset(process.StartTime);

        Assert.True(clock.GetElapsedTime(0) < processAge, $"timestamp 0 reads as {clock.GetElapsedTime(0)} ago; the process is {processAge} old");
    }

    [Fact]
    public void ProcessTimeProvider_TimestampZero_IsWhenItWasMadeNotMachineBoot()
    {
        var clock = new ProcessTimeProvider();

        Assert.True(clock.GetElapsedTime(0) < TimeSpan.FromSeconds(5));
        Assert.True(clock.GetElapsedTime(clock.GetTimestamp()) >= TimeSpan.Zero);
    }
}
