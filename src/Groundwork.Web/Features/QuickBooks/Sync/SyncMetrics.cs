using System.Diagnostics.Metrics;
using Groundwork.Web.Features.QuickBooks.Links;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// The "Groundwork.Sync" meter: how pushes end and how QBO answers. Made through <see cref="IMeterFactory"/> so each app
/// (each test host) has its own instruments; exported only when OTLP is configured (see <c>Telemetry</c>).
/// </summary>
public sealed class SyncMetrics
{
    public const string MeterName = "Groundwork.Sync";

    private readonly Counter<long> _pushes;
    private readonly Counter<long> _calls;

    public SyncMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _pushes = meter.CreateCounter<long>("groundwork.sync.pushes", "{push}",
            "Records pushed to QuickBooks, by how the push ended (synced, needs_attention, retrying) and the record's kind.");
        _calls = meter.CreateCounter<long>("groundwork.qbo.calls", "{request}",
            "Requests sent to QuickBooks Online, each attempt of a retried call counted, by operation and HTTP status (or no-answer).");
    }

    /// <param name="state">Synced, NeedsAttention or Retrying: the states a push can end in.</param>
    public void Pushed(LinkedKind kind, SyncState state) =>
        _pushes.Add(1, new KeyValuePair<string, object?>("result", Result(state)), new KeyValuePair<string, object?>("kind", DocumentSyncView.Camel(kind)));

    public void Called(string operation, string status) =>
        _calls.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("status", status));

    public static string Result(SyncState state) => state switch
    {
        SyncState.Synced => "synced",
        SyncState.Retrying => "retrying",
        SyncState.NeedsAttention => "needs_attention",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "A push ends synced, needing attention or retrying."),
    };
}
