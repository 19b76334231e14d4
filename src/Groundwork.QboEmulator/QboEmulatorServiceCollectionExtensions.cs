using Groundwork.QboEmulator.Admin;
using Groundwork.QboEmulator.Api;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Limits;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Seed;
using Groundwork.QboEmulator.Store;
using Groundwork.QboEmulator.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the QBO emulator's services; pair with <c>app.MapQboEmulator(prefix)</c>.</summary>
public static class QboEmulatorServiceCollectionExtensions
{
    /// <summary>Adds the emulator, bound to a configuration section (e.g. <c>QboEmulator</c>).</summary>
    public static IServiceCollection AddQboEmulator(this IServiceCollection services, IConfiguration section) =>
        services.AddQboEmulator(section.Bind);

    /// <summary>Adds the emulator, configured in code.</summary>
    public static IServiceCollection AddQboEmulator(this IServiceCollection services, Action<Groundwork.QboEmulator.QboEmulatorOptions>? configure = null)
    {
        var options = services.AddOptions<Groundwork.QboEmulator.QboEmulatorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure(Defaults.Apply)
            .Validate(o => o.TimeScale > 0, "QboEmulator:TimeScale must be greater than 0.")
            .Validate(o => o.Limits.RequestsPerMinute > 0 && o.Limits.ConcurrentRequests > 0 && o.Limits.BatchRequestsPerMinute > 0 && o.Limits.BatchItems > 0,
                "QboEmulator:Limits values must be greater than 0.")
            .Validate(o => o.ClientApps.All(a => a.ClientId.Length > 0 && a.ClientSecret.Length > 0), "Every QboEmulator client app needs ClientId and ClientSecret.")
            .Validate(o => o.Users.All(u => u.Email.Length > 0 && u.Password.Length > 0), "Every QboEmulator user needs Email and Password.")
            .Validate(o => o.InMemory || !string.IsNullOrWhiteSpace(o.DatabasePath), "QboEmulator:DatabasePath is required unless InMemory is true.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddAntiforgery();
        services.AddDataProtection();
        services.AddHttpClient(Disconnector.HttpClientName);
        services.AddSingleton<EmulatorClock>();
        services.AddSingleton<EmulatorRoutes>();
        services.AddSingleton<Groundwork.QboEmulator.Security.EmulatorSignIn>();
        services.AddSingleton<Groundwork.QboEmulator.Security.AdminAccess>();
        services.AddSingleton<SqlitePersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<SqlitePersistence>());
        services.AddSingleton<EmulatorStore>();
        services.AddSingleton<EntityService>();
        services.AddSingleton<Seeder>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<IdTokenSigner>();
        services.AddSingleton<ClientAppRegistry>();
        services.AddSingleton<CompanyLimiter>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<QueryEngine>();
        services.AddSingleton<CdcHandler>();
        services.AddSingleton<BatchHandler>();
        services.AddSingleton<TaxService>();
        services.AddSingleton<ApiRouter>();
        services.AddSingleton<ApiDispatcher>();
        services.AddSingleton<Disconnector>();
        services.AddSingleton<Groundwork.QboEmulator.Ui.UiActions>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
