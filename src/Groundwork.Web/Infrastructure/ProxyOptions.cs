using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// A TLS-terminating reverse proxy in front of the app. Bound from the "ForwardedHeaders" section. Only proxies listed
/// here (plus loopback) are believed, so a client cannot claim another address or scheme by sending the headers itself.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Read X-Forwarded-For and X-Forwarded-Proto. Default: false.</summary>
    public bool Enabled { get; set; }
    /// <summary>Addresses of trusted proxies, e.g. ["10.0.0.5"]. Default: none (loopback is always trusted).</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Trusted proxy networks in CIDR form, e.g. ["10.0.0.0/8"]. Default: none.</summary>
    public string[] KnownNetworks { get; set; } = [];
    /// <summary>How many proxies deep to read X-Forwarded-For. Default: 1.</summary>
    public int ForwardLimit { get; set; } = 1;
}

internal static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddGroundworkForwardedHeaders(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection("ForwardedHeaders").Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ProxyOptions>(builder.Configuration.GetSection("ForwardedHeaders"));
        // Every cookie (sign-in, antiforgery, temp data, the emulator's) is Secure when the request came over HTTPS.
        builder.Services.Configure<CookiePolicyOptions>(o => o.Secure = CookieSecurePolicy.SameAsRequest);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = proxy.ForwardLimit;
            foreach (var address in proxy.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(address));
            }
            foreach (var network in proxy.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    public static WebApplication UseGroundworkForwardedHeaders(this WebApplication app)
    {
        if (app.Configuration.GetSection("ForwardedHeaders").Get<ProxyOptions>() is { Enabled: true })
        {
            app.UseForwardedHeaders();
        }
        app.UseCookiePolicy();
        return app;
    }
}
