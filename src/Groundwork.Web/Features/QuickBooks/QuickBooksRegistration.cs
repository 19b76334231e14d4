using Groundwork.QboEmulator;
using Groundwork.QuickBooks;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;

namespace Groundwork.Web.Features.QuickBooks;

/// <summary>Settings of the embedded QBO emulator. Bound from the "QboEmulator" section (plus the emulator's own settings).</summary>
public sealed class EmbeddedEmulatorOptions
{
    /// <summary>
    /// Serve the emulator inside this app under <see cref="Prefix"/> and point the client at it. Default (unset): only in
    /// the Development environment; an explicit true/false wins. Outside Development it also needs <c>QboEmulator:AdminKey</c>.
    /// </summary>
    public bool? Embedded { get; set; }
    /// <summary>Path prefix of the embedded emulator. Default: /qbo.</summary>
    public string Prefix { get; set; } = "/qbo";
}

internal static class QuickBooksRegistration
{
    public static WebApplicationBuilder AddGroundworkQuickBooks(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(QboClientOptions.SectionName);
        var emulator = Emulator(builder.Configuration, builder.Environment);
        builder.Services.AddQuickBooksClient(section);
        // The company's gateway owns retries (QboCompanyCalls), above its limiter; the HTTP pipeline only times attempts out.
        builder.Services.PostConfigure<QboClientOptions>(o => o.RetryInPipeline = false);
        if (emulator.Embedded == true)
        {
            RequireAdminKeyOutsideDevelopment(builder.Configuration, builder.Environment);
            builder.Services.AddQboEmulator(builder.Configuration.GetSection("QboEmulator"));
            var self = SelfUrl(builder.Configuration);
            var baseUrl = new Uri(self + emulator.Prefix.Trim('/') + "/");
            // Like an app registered at Intuit: QuickBooks-side disconnects come back to Groundwork's disconnect URL.
            builder.Services.PostConfigure<QboEmulatorOptions>(o =>
            {
                foreach (var app in o.ClientApps.Where(a => a.ClientId == QboEmulatorDevApp.ClientId))
                {
                    app.DisconnectUrl ??= self + "integrations/quickbooks/disconnected";
                    // …and its changes to Groundwork's webhook URL, so a payment recorded in the emulator shows here in seconds.
                    app.WebhookUrl ??= self + Sync.Inbound.WebhookEndpoint.Path.TrimStart('/');
                    // Registered exactly, as at Intuit: this app's callback on each address it listens on.
                    app.RedirectUris.AddRange(CallbackUrls(builder.Configuration).Except(app.RedirectUris, StringComparer.Ordinal));
                }
            });
            // The embedded emulator's development app: local-only credentials, nothing secret to keep out of the repo.
            builder.Services.PostConfigure<QboClientOptions>(o =>
            {
                if (o.Environment != QboEnvironment.Custom || o.BaseUrl is not null) return;
                o.BaseUrl = baseUrl;
                if (o.ClientId.Length == 0)
                {
                    o.ClientId = QboEmulatorDevApp.ClientId;
                    o.ClientSecret = QboEmulatorDevApp.ClientSecret;
                    o.WebhookVerifierToken = QboEmulatorDevApp.VerifierToken;
                }
            });
        }
        else
        {
            RequireQuickBooksTarget(builder.Configuration, builder.Environment);
        }

        // Resolved once, as above, so every reader (the CSP for /qbo among them) sees whether it is really embedded.
        builder.Services.Configure<EmbeddedEmulatorOptions>(o =>
        {
            o.Embedded = emulator.Embedded;
            o.Prefix = emulator.Prefix;
        });
        builder.Services.AddSingleton<Sync.SalesTaxCodes>();
        builder.Services.AddSingleton<Sync.SyncPauses>();
        builder.Services.AddScoped<Sync.SyncOutbox>().AddScoped<Sync.SyncJournal>().AddScoped<Sync.PushPlanner>().AddScoped<Sync.PushEngine>().AddScoped<Sync.BulkPush>().AddScoped<Sync.PushOutcomes>()
            .AddScoped<Sync.DocumentSyncView>().AddScoped<Sync.SyncFixes>().AddScoped<Sync.PushBlock>().AddScoped<Sync.UnsyncedBadge>()
            .AddScoped<Sync.PaymentsBeforeConnecting>();
        builder.Services.AddHostedService<Sync.OutboxStartup>();
        builder.Services.AddSingleton<RecentRealms>().AddScoped<QboRealms>().AddScoped<Sync.Inbound.IQboChangeFeed, Sync.Inbound.QboChangeFeed>()
            .AddScoped<Sync.Inbound.ChangeEventProcessor>().AddScoped<Sync.Inbound.CdcCatchUp>()
            .AddScoped<Sync.Inbound.DocumentDrift>().AddScoped<Sync.Inbound.QboCreditMemoRecorder>().AddScoped<Sync.Inbound.CreditMemosAwaiting>();
        builder.Services.AddOptions<Sync.Inbound.StatusBackOptions>().Bind(builder.Configuration.GetSection(Sync.Inbound.StatusBackOptions.SectionName))
            .Validate(o => o.IsValid(), "QuickBooks:Sync: CdcIntervalWithoutWebhooks, WebhookGap and KeepWebhookDeliveries must be positive"
                + " and CdcInterval at least CdcIntervalWithoutWebhooks (e.g. 00:05:00 and 00:00:30).")
            .ValidateOnStart();
        builder.Services.AddHostedService<Sync.Inbound.CdcSchedule>();
        builder.Services.AddOptions<Sync.Reconciliation.ReconciliationOptions>().Bind(builder.Configuration.GetSection(Sync.Reconciliation.ReconciliationOptions.SectionName))
            .Validate(o => o.MaxRecords is > 0 and <= 1_000_000, "QuickBooks:Reconciliation:MaxRecords must be from 1 to 1,000,000 (default 20,000).")
            .ValidateOnStart();
        builder.Services.AddSingleton<Sync.Inbound.WebhookWriter>().AddHostedService(s => s.GetRequiredService<Sync.Inbound.WebhookWriter>());
        builder.Services.AddSingleton<QboTokenVault>().AddScoped<QboOAuthStates>().AddScoped<QboCompanyCalls>().AddScoped<Lists.QboLists>();
        builder.Services.Configure<QboLimitOptions>(section.GetSection("Limits"));
        return builder;
    }

    public static WebApplication MapGroundworkQuickBooks(this WebApplication app)
    {
        app.MapQuickBooksWebhooks();
        if (Emulator(app.Configuration, app.Environment) is { Embedded: true } emulator)
        {
            // The emulator is "Intuit": it has its own sign-in and must not sit behind Groundwork's.
            app.MapQboEmulator(emulator.Prefix).AllowAnonymous();
        }
        return app;
    }

    /// <summary>The emulator settings with <see cref="EmbeddedEmulatorOptions.Embedded"/> resolved: unset means "in Development only".</summary>
    private static EmbeddedEmulatorOptions Emulator(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection("QboEmulator").Get<EmbeddedEmulatorOptions>() ?? new EmbeddedEmulatorOptions();
        options.Embedded ??= environment.IsDevelopment();
        return options;
    }

    /// <summary>
    /// Embedded, the emulator answers on Groundwork's own origin: its admin API mints tokens and disconnects companies, so
    /// anywhere but a developer's machine it must be locked with a key, and a missing key is a start-up error, not a warning.
    /// </summary>
    private static void RequireAdminKeyOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        if (!environment.IsDevelopment() && string.IsNullOrWhiteSpace(configuration["QboEmulator:AdminKey"]))
        {
            throw new InvalidOperationException(
                $"The QBO emulator is embedded (QboEmulator:Embedded) in the '{environment.EnvironmentName}' environment without an admin key. " +
                "Set QboEmulator:AdminKey (e.g. the environment variable QboEmulator__AdminKey) to protect the emulator's admin API, " +
                "or set QboEmulator:Embedded=false and connect to Intuit (QuickBooks:Environment).");
        }
        // Without configured users the emulator signs people in with the demo login the README publishes.
        var users = configuration.GetSection("QboEmulator:Users").GetChildren();
        if (!environment.IsDevelopment() && !users.Any(u => !string.IsNullOrWhiteSpace(u["Email"]) && !string.IsNullOrWhiteSpace(u["Password"])))
        {
            throw new InvalidOperationException(
                $"The QBO emulator is embedded (QboEmulator:Embedded) in the '{environment.EnvironmentName}' environment without its own users. " +
                "Set QboEmulator:Users (e.g. QboEmulator__Users__0__Email and QboEmulator__Users__0__Password): the built-in demo sign-in is published in the README.");
        }
    }

    /// <summary>appsettings.json points the client at the emulator; without it embedded, say what to configure instead.</summary>
    private static void RequireQuickBooksTarget(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(QboClientOptions.SectionName);
        if (string.Equals(section["Environment"], nameof(QboEnvironment.Custom), StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(section["BaseUrl"]))
        {
            throw new InvalidOperationException(
                $"QuickBooks:Environment is Custom (the QBO emulator), but the emulator is not embedded in the '{environment.EnvironmentName}' environment " +
                "(QboEmulator:Embedded defaults to true only in Development). Set QuickBooks:Environment=Production or Sandbox with the Intuit app's " +
                "credentials, or QuickBooks:BaseUrl for a standalone emulator, or QboEmulator:Embedded=true with QboEmulator:AdminKey.");
        }
    }

    /// <summary>The OAuth callback on each address in --urls; loopback addresses under each of their usual names.</summary>
    private static IEnumerable<string> CallbackUrls(IConfiguration configuration)
    {
        foreach (var url in (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var uri = new Uri(SelfUrl(url));
            var loopback = uri.IsLoopback || url.Contains("://+", StringComparison.Ordinal) || url.Contains("://*", StringComparison.Ordinal)
                || url.Contains("://0.0.0.0", StringComparison.Ordinal) || url.Contains("://[::]", StringComparison.Ordinal);
            foreach (var host in loopback ? ["localhost", "127.0.0.1", "[::1]"] : new[] { uri.Host })
            {
                yield return $"{uri.Scheme}://{host}:{uri.Port}{IntegrationsModel.CallbackPath}";
            }
        }

        if (configuration[$"{QboClientOptions.SectionName}:RedirectUri"] is { Length: > 0 } configured)
        {
            yield return configured;
        }
    }

    /// <summary>This app's own address, from --urls / ASPNETCORE_URLS, for the embedded emulator's base URL.</summary>
    private static string SelfUrl(IConfiguration configuration) =>
        SelfUrl((configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Trim());

    private static string SelfUrl(string first)
    {
        var uri = new Uri(first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal));
        return uri.GetLeftPart(UriPartial.Authority) + "/";
    }
}
