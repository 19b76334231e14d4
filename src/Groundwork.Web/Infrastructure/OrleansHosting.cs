namespace Groundwork.Web.Infrastructure;

/// <summary>Orleans settings. Bound from the "Orleans" section.</summary>
public sealed class OrleansOptions
{
    /// <summary>Silo-to-silo port. Default: 11111.</summary>
    public int SiloPort { get; set; } = 11111;
    /// <summary>Client gateway port. Default: 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}

/// <summary>
/// The system clock with timestamps counted from when it was made instead of from machine boot. Orleans' silo watchdog
/// (10.4) starts its platform thread before it stamps the component check, so its first tick can measure "time since
/// timestamp 0": with the system clock that is the machine's uptime, logged as a participant check stalled for 11–20
/// minutes on every start. Timestamps only ever mean differences, so moving their origin is safe; with this origin an
/// unset stamp measures a few milliseconds and the watchdog stays quiet unless something really stalls.
/// </summary>
internal sealed class ProcessTimeProvider : TimeProvider
{
    private readonly long _origin = System.GetTimestamp();

    public override long GetTimestamp() => System.GetTimestamp() - _origin;
}

internal static class OrleansHosting
{
    /// <summary>An in-process silo with localhost clustering: the home of the per-company sync grains.</summary>
    public static WebApplicationBuilder AddGroundworkOrleans(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Orleans").Get<OrleansOptions>() ?? new OrleansOptions();
        builder.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, new ProcessTimeProvider());
        builder.UseOrleans(silo => silo.UseLocalhostClustering(siloPort: options.SiloPort, gatewayPort: options.GatewayPort));
        return builder;
    }
}

/// <summary>Answers pings; the health check uses it to prove the silo is up and grains activate.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task<string> PingAsync();
}

internal sealed class PingGrain : Grain, IPingGrain
{
    public Task<string> PingAsync() => Task.FromResult($"pong:{this.GetPrimaryKeyString()}");
}
