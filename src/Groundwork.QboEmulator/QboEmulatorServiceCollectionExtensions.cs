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

        options.PostConfigure(Defaults.Apply);
        services.TryAddSingleton(TimeProvider.System);
        services.AddAntiforgery();
        services.AddDataProtection();
        services.AddHttpClient(Disconnector.HttpClientName);
        services.AddSingleton<EmulatorClock>();
        services.AddSingleton<EmulatorRoutes>();
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
