using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Groundwork.QuickBooks.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.QuickBooks.Tests.Emulator;

/// <summary>
/// The QBO emulator on Kestrel (127.0.0.1, free port, mounted at /qbo, in memory) with the client library wired
/// as an app wires it. Tokens come from the emulator's automation endpoint, so no browser is needed.
/// </summary>
internal sealed class EmulatorHost : IAsyncDisposable
{
    public const string UsRealm = "9341452525163001";
    public const string PlainRealm = "9341452525163002";
    public const string ClientId = "groundwork-dev";
    public const string ClientSecret = "groundwork-dev-secret";

    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseUrl, FakeTimeProvider emulatorTime)
    {
        _app = app;
        EmulatorTime = emulatorTime;
        BaseUrl = baseUrl;
        Harness = new ClientHarness(baseUrl, o => (o.ClientId, o.ClientSecret) = (ClientId, ClientSecret));
    }

    public Uri BaseUrl { get; }

    public ClientHarness Harness { get; }

    /// <summary>The emulator's own clock (webhook grouping and retries run on it), separate from the client's.</summary>
    public FakeTimeProvider EmulatorTime { get; }

    public QboClient Client => Harness.Client;

    public static async Task<EmulatorHost> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddQboEmulator(o => o.InMemory = true);
        var app = builder.Build();
        app.MapQboEmulator("/qbo");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHost(app, new Uri(address + "/qbo/"), time);
    }

    /// <summary>A connected company's tokens, as the callback would have stored them.</summary>
    public async Task<(QboCompanyContext Company, string RefreshToken)> ConnectAsync(string realmId = UsRealm)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "admin/api/tokens"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["realmId"] = realmId }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}")));
        using var response = await SendAdminAsync(request);
        var tokens = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (new QboCompanyContext(realmId, (string)tokens["access_token"]!), (string)tokens["refresh_token"]!);
    }

    /// <summary>Sets the emulator's fault injection for a company (e.g. <c>{"throttleNext":1}</c>).</summary>
    public async Task InjectFaultsAsync(string json, string realmId = UsRealm)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(BaseUrl, $"admin/api/faults/{realmId}"))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await SendAdminAsync(request);
    }

    /// <summary>A JSON document the emulator serves, fetched outside the client under test.</summary>
    public async Task<JsonObject> GetJsonAsync(Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAdminAsync(request);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Points the dev app's webhooks at <paramref name="url"/> in the given payload format.</summary>
    public async Task SubscribeWebhooksAsync(Uri url, string format, string verifierToken)
    {
        var app = new JsonObject
        {
            ["clientSecret"] = ClientSecret,
            ["allowLoopbackRedirects"] = true,
            ["webhookUrl"] = url.AbsoluteUri,
            ["verifierToken"] = verifierToken,
            ["webhookFormat"] = format,
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(BaseUrl, $"admin/api/apps/{ClientId}"))
        {
            Content = new StringContent(app.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await SendAdminAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Harness.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    // Admin calls bypass the client under test on purpose: they set the scene, they are not what is tested.
    private static async Task<HttpResponseMessage> SendAdminAsync(HttpRequestMessage request)
    {
        using var handler = new HttpClientHandler();
        using var invoker = new HttpMessageInvoker(handler);
        var response = await invoker.SendAsync(request, CancellationToken.None);
        response.EnsureSuccessStatusCode();
        return response;
    }
}
