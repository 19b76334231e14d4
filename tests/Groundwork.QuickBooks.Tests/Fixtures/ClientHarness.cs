using Groundwork.QuickBooks.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>The library wired as an app would wire it (AddQuickBooksClient), pointed at a loopback server, with fake time.</summary>
internal sealed class ClientHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public ClientHarness(Uri baseUrl, Action<QboClientOptions>? configure = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Timers = new ObservedTimeProvider(Time);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Timers);
        services.AddQuickBooksClient(options =>
        {
            options.Environment = QboEnvironment.Custom;
            options.BaseUrl = baseUrl;
            options.ClientId = "client-id";
            options.ClientSecret = "client-secret";
            options.RedirectUri = new Uri("https://groundwork.test/integrations/quickbooks/callback");
            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; }

    public ObservedTimeProvider Timers { get; }

    public QboClient Client => _services.GetRequiredService<QboClient>();

    public QboOAuthClient OAuth => _services.GetRequiredService<QboOAuthClient>();

    public void Dispose() => _services.Dispose();
}
