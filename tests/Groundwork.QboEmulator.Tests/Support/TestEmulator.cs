using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.QboEmulator.Tests.Support;

/// <summary>The emulator in a real ASP.NET Core pipeline (TestServer), in memory, on a fake clock, mounted under a prefix.</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    public const string UsRealm = "9341452525163001";
    public const string PlainRealm = "9341452525163002";
    public const string ClientId = "groundwork-dev";
    public const string ClientSecret = "groundwork-dev-secret";

    private readonly WebApplication app;

    private TestEmulator(WebApplication app, FakeTimeProvider time, string prefix)
    {
        this.app = app;
        Time = time;
        Prefix = prefix;
        Client = app.GetTestClient();
    }

    public FakeTimeProvider Time { get; }

    public string Prefix { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public static async Task<TestEmulator> StartAsync(Action<QboEmulatorOptions>? configure = null, string prefix = "/qbo",
        Action<IServiceCollection>? services = null, Action<WebApplication>? pipeline = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddQboEmulator(o =>
        {
            o.InMemory = true;
            configure?.Invoke(o);
        });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        pipeline?.Invoke(app);
        app.MapQboEmulator(prefix);
        await app.StartAsync();
        return new TestEmulator(app, time, prefix);
    }

    /// <summary>A browser signed in on the emulator's people UI as the demo bookkeeper.</summary>
    public async Task<BrowserSession> SignedInBrowserAsync(string email = "bookkeeper@example.com", string password = "quickbooks")
    {
        var browser = new BrowserSession(Client);
        var page = await browser.GetAsync($"{Prefix}/ui/signin");
        var signedIn = await browser.PostFormAsync($"{Prefix}/ui/signin", page.Html, new() { ["email"] = email, ["password"] = password });
        if (signedIn.Status != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {signedIn.Status}");
        }

        return browser;
    }

    /// <summary>Tokens from the automation endpoint (no browser).</summary>
    public async Task<JsonObject> TokensAsync(string realmId = UsRealm)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/admin/api/tokens")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["realmId"] = realmId }),
        };
        request.Headers.Authorization = Basic();
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>An API client for one company with a valid bearer token.</summary>
    public async Task<QboCalls> ApiAsync(string realmId = UsRealm)
    {
        var tokens = await TokensAsync(realmId);
        return new QboCalls(Client, $"{Prefix}/v3/company/{realmId}", (string)tokens["access_token"]!);
    }

    public static AuthenticationHeaderValue Basic(string id = ClientId, string secret = ClientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}")));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
