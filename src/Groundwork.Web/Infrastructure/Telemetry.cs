using System.Reflection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Sync;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// Traces and metrics. The QBO call spans ("Groundwork.QuickBooks") and the sync meter ("Groundwork.Sync") always exist;
/// the OpenTelemetry SDK with its OTLP exporter is added only when an OTLP endpoint is configured through the standard
/// <c>OTEL_*</c> variables, so a plain run has no exporter, no export thread and no listener making spans nobody reads.
/// </summary>
internal static class Telemetry
{
    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> is not set.</summary>
    public const string DefaultServiceName = "groundwork";

    /// <summary>Any of these turns export on; the per-signal ones are honoured by the exporter as the specification says.</summary>
    public static readonly string[] EndpointSettings =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>
    /// ASP.NET Core and HttpClient publish their own spans and metrics in .NET 10; listening to them needs no
    /// instrumentation package.
    /// </summary>
    private static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "System.Net.Http"];
    private static readonly string[] FrameworkMeters = ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http"];

    public static TBuilder AddGroundworkTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<SyncMetrics>();
        if (!ExportConfigured(builder.Configuration)) return builder;

        var version = typeof(Telemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : DefaultServiceName, serviceVersion: version))
            .WithTracing(t => t.AddSource(QboCallTrace.SourceName).AddSource(FrameworkSources))
            .WithMetrics(m => m.AddMeter(SyncMetrics.MeterName).AddMeter(FrameworkMeters))
            // One exporter for every signal, configured by OTEL_EXPORTER_OTLP_* (protocol, headers, per-signal endpoints).
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>An OTLP endpoint is set and the SDK is not disabled (<c>OTEL_SDK_DISABLED=true</c>).</summary>
    public static bool ExportConfigured(IConfiguration configuration) =>
        !string.Equals(configuration["OTEL_SDK_DISABLED"]?.Trim(), "true", StringComparison.OrdinalIgnoreCase)
        && EndpointSettings.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));
}
