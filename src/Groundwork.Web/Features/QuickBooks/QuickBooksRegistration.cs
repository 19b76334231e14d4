using Groundwork.QboEmulator;
using Groundwork.QuickBooks;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Features.QuickBooks;

/// <summary>Settings of the embedded QBO emulator. Bound from the "QboEmulator" section (plus the emulator's own settings).</summary>
public sealed class EmbeddedEmulatorOptions
{
    /// <summary>Serve the emulator inside this app under <see cref="Prefix"/> and point the client at it. Default: false (appsettings.json turns it on).</summary>
    public bool Embedded { get; set; }
    /// <summary>Path prefix of the embedded emulator. Default: /qbo.</summary>
    public string Prefix { get; set; } = "/qbo";
}

internal static class QuickBooksRegistration
{
    public static WebApplicationBuilder AddGroundworkQuickBooks(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(QboClientOptions.SectionName);
        var emulator = builder.Configuration.GetSection("QboEmulator").Get<EmbeddedEmulatorOptions>() ?? new EmbeddedEmulatorOptions();
        builder.Services.AddQuickBooksClient(section);
        // The company's gateway owns retries (QboCompanyCalls), above its limiter; the HTTP pipeline only times attempts out.
        builder.Services.PostConfigure<QboClientOptions>(o => o.RetryInPipeline = false);
        if (emulator.Embedded)
        {
            builder.Services.AddQboEmulator(builder.Configuration.GetSection("QboEmulator"));
            var self = SelfUrl(builder.Configuration);
            var baseUrl = new Uri(self + emulator.Prefix.Trim('/') + "/");
            // Like an app registered at Intuit: QuickBooks-side disconnects come back to Groundwork's disconnect URL.
            builder.Services.PostConfigure<QboEmulatorOptions>(o =>
            {
                foreach (var app in o.ClientApps.Where(a => a.ClientId == QboEmulator.Infrastructure.Defaults.ClientId && a.DisconnectUrl is null))
                {
                    app.DisconnectUrl = self + "integrations/quickbooks/disconnected";
                }
            });
            // The embedded emulator's development app: local-only credentials, nothing secret to keep out of the repo.
            builder.Services.PostConfigure<QboClientOptions>(o =>
            {
                if (o.Environment != QboEnvironment.Custom || o.BaseUrl is not null) return;
                o.BaseUrl = baseUrl;
                if (o.ClientId.Length == 0)
                {
                    o.ClientId = QboEmulator.Infrastructure.Defaults.ClientId;
                    o.ClientSecret = QboEmulator.Infrastructure.Defaults.ClientSecret;
                    o.WebhookVerifierToken = QboEmulator.Infrastructure.Defaults.VerifierToken;
                }
            });
        }
        builder.Services.Configure<EmbeddedEmulatorOptions>(builder.Configuration.GetSection("QboEmulator"));
        builder.Services.AddScoped<QboTokenVault>().AddScoped<QboOAuthStates>().AddScoped<QboCompanyCalls>();
        builder.Services.Configure<QboLimitOptions>(section.GetSection("Limits"));
        return builder;
    }

    public static WebApplication MapGroundworkQuickBooks(this WebApplication app)
    {
        var emulator = app.Configuration.GetSection("QboEmulator").Get<EmbeddedEmulatorOptions>() ?? new EmbeddedEmulatorOptions();
        if (emulator.Embedded)
        {
            // The emulator is "Intuit": it has its own sign-in and must not sit behind Groundwork's.
            app.MapQboEmulator(emulator.Prefix).AllowAnonymous();
        }
        return app;
    }

    /// <summary>This app's own address, from --urls / ASPNETCORE_URLS, for the embedded emulator's base URL.</summary>
    private static string SelfUrl(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        var uri = new Uri(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal));
        return uri.GetLeftPart(UriPartial.Authority) + "/";
    }
}
