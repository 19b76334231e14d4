using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>A request as the server received it, copied: Kestrel reuses the originals after the response.</summary>
internal sealed record ReceivedRequest(string Method, string Path, IQueryCollection Query, IHeaderDictionary Headers, byte[] RawBody)
{
    public string Body => System.Text.Encoding.UTF8.GetString(RawBody);
}

/// <summary>
/// Kestrel on 127.0.0.1 with a free port, answering with whatever the test's handler writes (typically recorded
/// QBO bodies). The client under test goes through real sockets and its real handler pipeline.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private LoopbackServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static async Task<LoopbackServer> StartAsync(Func<ReceivedRequest, int, HttpResponse, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new LoopbackServer(builder.Build());
        server._app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                new QueryCollection(context.Request.Query.ToDictionary(q => q.Key, q => q.Value)),
                new HeaderDictionary(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value)),
                buffer.ToArray());
            server._requests.Enqueue(request);
            await handler(request, server._requests.Count, context.Response);
        });
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address + "/qbo/");
        return server;
    }

    /// <summary>Waits (in real time) until <paramref name="count"/> requests have arrived; false on timeout.</summary>
    public async Task<bool> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (_requests.Count < count)
        {
            if (Environment.TickCount64 > deadline)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public static Task WriteJsonAsync(HttpResponse response, int status, string body, params (string Name, string Value)[] headers)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        return response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
