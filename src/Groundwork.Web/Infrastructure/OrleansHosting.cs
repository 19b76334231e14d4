namespace Groundwork.Web.Infrastructure;

/// <summary>Orleans settings. Bound from the "Orleans" section.</summary>
public sealed class OrleansOptions
{
    /// <summary>Silo-to-silo port. Default: 11111.</summary>
    public int SiloPort { get; set; } = 11111;
    /// <summary>Client gateway port. Default: 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}

internal static class OrleansHosting
{
    /// <summary>An in-process silo with localhost clustering: the home of the per-company sync grains.</summary>
    public static WebApplicationBuilder AddGroundworkOrleans(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Orleans").Get<OrleansOptions>() ?? new OrleansOptions();
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
