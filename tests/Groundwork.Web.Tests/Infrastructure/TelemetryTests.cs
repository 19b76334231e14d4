using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>OTLP export is off unless an OTEL_EXPORTER_OTLP_*ENDPOINT says where to send; then QBO spans go there.</summary>
public sealed class TelemetryTests
{
    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddGroundworkTelemetry();
        return builder.Build();
    }

    [Theory]
    [InlineData(null, null, null, null, false)]
    [InlineData(null, null, "groundwork-prod", null, false)]
    [InlineData("  ", null, null, null, false)]
    [InlineData("http://collector:4317", null, null, null, true)]
    [InlineData(null, "http://collector:4318/v1/traces", null, null, true)]
    [InlineData("http://collector:4317", null, null, "true", false)]
    [InlineData("http://collector:4317", null, null, "false", true)]
    public void ExportConfigured_OtelSettings_OnlyAnEndpointTurnsExportOn(string? endpoint, string? tracesEndpoint, string? serviceName, string? disabled, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint, ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = tracesEndpoint, ["OTEL_SERVICE_NAME"] = serviceName,
            ["OTEL_SDK_DISABLED"] = disabled,
        }).Build();

        Assert.Equal(expected, Telemetry.ExportConfigured(configuration));
    }

    [Fact]
    public void AddGroundworkTelemetry_WithoutOtelSettings_RegistersNoProviderAndNoExporter()
    {
        using var host = Build([]);

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().FullName!.StartsWith("OpenTelemetry", StringComparison.Ordinal));
        Assert.NotNull(host.Services.GetService<SyncMetrics>());
    }

    [Fact]
    public async Task AddGroundworkTelemetry_WithOtlpEndpoint_ExportsQboCallSpansThere()
    {
        using var receiver = new OtlpReceiver();
        using var host = Build(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Url, ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf", ["OTEL_SERVICE_NAME"] = "gw-telemetry-test",
        });
        await host.StartAsync();
        var tracer = host.Services.GetRequiredService<TracerProvider>();
        Assert.NotNull(host.Services.GetService<MeterProvider>());
        var requestId = $"gw-{Guid.NewGuid():N}"[..30];

        using (QboCallTrace.Start<QboResult<QboInvoice>>(host.Services.GetRequiredService<SyncMetrics>(), 1, "create", "Invoice", requestId))
        {
        }
        // A busy machine (parallel test hosts) can make one export slow: flush, then give the receiver time to see it.
        tracer.ForceFlush(30_000);
        for (var i = 0; i < 300 && !receiver.Requests.Any(r => r.Body.Contains(requestId, StringComparison.Ordinal)); i++) await Task.Delay(100);

        var export = Assert.Single(receiver.Requests, r => r.Path == "/v1/traces" && r.Body.Contains(requestId, StringComparison.Ordinal));
        Assert.Contains("gw-telemetry-test", export.Body, StringComparison.Ordinal);
        Assert.Contains("QBO create Invoice", export.Body, StringComparison.Ordinal);
        await host.StopAsync();
    }

    /// <summary>An OTLP/HTTP collector on a loopback port that keeps what it is sent (protobuf strings are plain UTF-8 inside).</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<(string Path, string Body)> _requests = new();

        public OtlpReceiver()
        {
            Url = $"http://127.0.0.1:{GroundworkAppFactory.FreePort()}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = ServeAsync();
        }

        public string Url { get; }

        public IReadOnlyList<(string Path, string Body)> Requests => [.. _requests];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                _requests.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
