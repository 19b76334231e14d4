using Groundwork.QuickBooks.Http;
using Groundwork.QuickBooks.OAuth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace Groundwork.QuickBooks;

/// <summary>Registers the QBO API client, the OAuth client and the webhook verifier.</summary>
public static class QboServiceCollectionExtensions
{
    /// <summary>Binds <see cref="QboClientOptions"/> from <paramref name="configuration"/> (normally the <c>QuickBooks</c> section).</summary>
    public static IServiceCollection AddQuickBooksClient(this IServiceCollection services, IConfiguration configuration) =>
        services.AddQuickBooksClientCore(builder => builder.Bind(configuration));

    /// <summary>Configures <see cref="QboClientOptions"/> in code (tests, the embedded emulator).</summary>
    public static IServiceCollection AddQuickBooksClient(this IServiceCollection services, Action<QboClientOptions> configure) =>
        services.AddQuickBooksClientCore(builder => builder.Configure(configure));

    private static IServiceCollection AddQuickBooksClientCore(
        this IServiceCollection services, Action<OptionsBuilder<QboClientOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        configure(services.AddOptions<QboClientOptions>());
        services.AddOptions<QboClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QboClientOptions>, QboClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Webhooks.QboWebhookVerifier>();

        services.AddHttpClient<QboClient>()
            // The pipeline owns every timeout; HttpClient's own 100 s would cut retries short.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("qbo-api", (builder, context) => QboResilience.Configure(
                builder,
                context.ServiceProvider.GetRequiredService<IOptions<QboClientOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));

        // Token calls are not retried: a refresh whose answer was lost may already have rotated the token.
        services.AddHttpClient<QboOAuthClient>()
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("qbo-oauth", (builder, context) => builder.AddTimeout(
                context.ServiceProvider.GetRequiredService<IOptions<QboClientOptions>>().Value.AttemptTimeout));
        return services;
    }
}

/// <summary>Fails start-up on settings that would only fail later, at the first QBO call.</summary>
internal sealed class QboClientOptionsValidator : IValidateOptions<QboClientOptions>
{
    private static readonly TimeSpan QboRequestLimit = TimeSpan.FromSeconds(120);

    public ValidateOptionsResult Validate(string? name, QboClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Environment == QboEnvironment.Custom && options.BaseUrl is not { IsAbsoluteUri: true })
        {
            failures.Add("QuickBooks:BaseUrl must be an absolute URL when QuickBooks:Environment is Custom.");
        }

        if (options.MinorVersion < 75)
        {
            failures.Add("QuickBooks:MinorVersion must be 75 or higher (Intuit treats lower values as 75).");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout >= QboRequestLimit)
        {
            failures.Add("QuickBooks:AttemptTimeout must be positive and below QBO's 120 s request limit.");
        }

        if (options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("QuickBooks:TotalTimeout must be at least QuickBooks:AttemptTimeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
