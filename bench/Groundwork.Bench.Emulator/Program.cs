using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Throughput of the QBO emulator: a mix of reads, queries and creates across both seeded companies over real loopback HTTP.
// Usage: dotnet run -c Release --project bench/Groundwork.Bench.Emulator -- [seconds=10] [concurrency=32] [url]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
string[] realms = ["9341452525163001", "9341452525163002"];

WebApplication? host = null;
var baseUrl = args.Length > 2 ? args[2].TrimEnd('/') : null;
if (baseUrl is null)
{
    var builder = WebApplication.CreateBuilder();
    builder.Logging.ClearProviders();
    builder.WebHost.UseUrls("http://127.0.0.1:0");
    builder.Services.AddQboEmulator(o =>
    {
        o.InMemory = true;
        o.Limits.Enabled = false;
    });
    host = builder.Build();
    host.MapQboEmulator();
    await host.StartAsync();
    baseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}

var services = new ServiceCollection();
services.AddHttpClient("bench").ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
var http = services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>().CreateClient("bench");
var tokens = new Dictionary<string, string>();
foreach (var realm in realms)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/admin/api/tokens")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["realmId"] = realm }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("groundwork-dev:groundwork-dev-secret")));
    using var response = await http.SendAsync(request);
    tokens[realm] = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;
}

long ok = 0, failed = 0, created = 0;
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var stopwatch = Stopwatch.StartNew();
var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
{
    var n = 0;
    while (!stop.IsCancellationRequested)
    {
        var realm = realms[(worker + n) % realms.Length];
        using var request = Next(worker, n++, realm, tokens[realm], ref created);
        try
        {
            using var response = await http.SendAsync(request, CancellationToken.None);
            Interlocked.Increment(ref response.IsSuccessStatusCode ? ref ok : ref failed);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref failed);
        }
    }
})).ToArray();
await Task.WhenAll(workers);
stopwatch.Stop();

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"QBO emulator: {ok} ok, {failed} failed in {stopwatch.Elapsed.TotalSeconds:0.0} s with {concurrency} concurrent clients over {realms.Length} companies = {ok / stopwatch.Elapsed.TotalSeconds:0} requests/s (mix: 60% read by id, 25% query, 15% create)"));
if (host is not null)
{
    await host.StopAsync();
}

return failed == 0 ? 0 : 1;

HttpRequestMessage Next(int worker, int n, string realm, string token, ref long createdCount)
{
    var api = $"{baseUrl}/v3/company/{realm}";
    var slot = n % 20;
    HttpRequestMessage request;
    if (slot < 12)
    {
        request = new HttpRequestMessage(HttpMethod.Get, $"{api}/customer/{1 + (n % 3)}?minorversion=75");
    }
    else if (slot < 17)
    {
        request = new HttpRequestMessage(HttpMethod.Get, $"{api}/query?query={Uri.EscapeDataString("select * from Item where Active = true MAXRESULTS 10")}");
    }
    else
    {
        var id = Interlocked.Increment(ref createdCount);
        request = new HttpRequestMessage(HttpMethod.Post, $"{api}/customer?requestid=bench-{worker}-{id}")
        {
            Content = new StringContent($$"""{"DisplayName":"Bench Customer {{worker}}-{{id}}"}""", Encoding.UTF8, "application/json"),
        };
    }

    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    return request;
}
