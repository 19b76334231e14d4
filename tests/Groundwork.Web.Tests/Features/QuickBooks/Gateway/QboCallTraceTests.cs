using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Groundwork.QuickBooks;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Tests.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Log;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Gateway;

/// <summary>Every QBO call is a span on "Groundwork.QuickBooks"; pushes and QBO requests are counted on "Groundwork.Sync".</summary>
[Trait("Category", "Database")]
public sealed class QboCallTraceTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task PushInvoice_WithAListener_TheInvoiceCreateIsASpanWithRealmRequestIdTidAndStatus()
    {
        var owner = await app.PushOwnerAsync();
        using var spans = new SpanRecorder(owner.Realm);

        var pushed = await owner.PushedInvoiceAsync();

        var requestId = $"gw-{pushed.InvoiceId}-0-create";
        var span = Assert.Single(spans.All, s => (string?)s.GetTagItem("qbo.request_id") == requestId);
        Assert.Equal(("QBO create Invoice", ActivityKind.Client), (span.DisplayName, span.Kind));
        Assert.Equal(owner.Realm, span.GetTagItem("qbo.realm"));
        Assert.Equal(("create", "Invoice", "200"), (span.GetTagItem("qbo.operation"), span.GetTagItem("qbo.entity"), span.GetTagItem("qbo.status")));
        var logged = (await owner.Api.GetJsonAsync($"{LogTestData.LogUrl}?q={requestId}")).Items().Single().Text("intuitTid");
        Assert.False(string.IsNullOrEmpty(logged));
        Assert.Equal(logged, span.GetTagItem("qbo.intuit_tid"));
        Assert.NotEqual(ActivityStatusCode.Error, span.Status);
        Assert.Contains(spans.All, s => (string?)s.GetTagItem("qbo.request_id") == $"gw-customer-{pushed.CustomerId}-0-create");
    }

    [Fact]
    public async Task PushInvoice_IsCountedAsSynced_AndEachCreateRequestAsACallWithItsStatus()
    {
        var owner = await app.PushOwnerAsync();
        using var metrics = new MetricRecorder(app.Services.GetRequiredService<IMeterFactory>());

        await owner.PushedInvoiceAsync();

        // The count follows the commit that the test polls for: give it a moment.
        var pushes = await metrics.WaitForAsync("groundwork.sync.pushes", m => Tag(m, "result") == "synced");
        Assert.Equal(("invoice", 1L), (Tag(pushes, "kind"), pushes.Value));
        // The customer, its location (a sub-customer) and the invoice.
        Assert.Equal(3, metrics.All.Count(m => m.Instrument == "groundwork.qbo.calls" && Tag(m, "operation") == "create" && Tag(m, "status") == "200"));
        Assert.DoesNotContain(metrics.All, m => m.Instrument == "groundwork.sync.pushes" && Tag(m, "result") != "synced");
    }

    [Fact]
    public async Task Call_QuickBooksAnswers500_SpanIsAnErrorWithTheStatusAndTheAttempt()
    {
        var owner = await app.PushOwnerAsync();
        using var spans = new SpanRecorder(owner.Realm);
        var inject = await app.CreateEmulatorAdminClient().PutAsync($"/qbo/admin/api/faults/{owner.Realm}",
            new StringContent("""{"failNext":1}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(inject.IsSuccessStatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var calls = scope.ServiceProvider.GetRequiredService<QboCompanyCalls>();

        var failed = await Assert.ThrowsAsync<QboException>(() =>
            calls.CallAsync(owner.User.OrganizationId, (c, company, ct) => c.ReadCompanyInfoAsync(company, ct), CancellationToken.None, maxAttempts: 1));

        var span = Assert.Single(spans.All);
        Assert.Equal(("QBO read CompanyInfo", "read", "500"), (span.DisplayName, span.GetTagItem("qbo.operation"), span.GetTagItem("qbo.status")));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(failed.IntuitTid, span.GetTagItem("qbo.intuit_tid"));
        var attempt = Assert.Single(span.Events);
        Assert.Equal("qbo.attempt_failed", attempt.Name);
        Assert.Equal(1, attempt.Tags.Single(t => t.Key == "qbo.attempt").Value);
    }

    private static string? Tag(Measurement m, string key) => m.Tags.GetValueOrDefault(key) as string;

    /// <summary>The spans of one QBO company: the listener hears every test in the process, the realm tells ours apart.</summary>
    private sealed class SpanRecorder : IDisposable
    {
        private readonly ConcurrentQueue<Activity> _spans = new();
        private readonly ActivityListener _listener;

        public SpanRecorder(string realm)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == QboCallTrace.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = span =>
                {
                    if ((string?)span.GetTagItem("qbo.realm") == realm) _spans.Enqueue(span);
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> All => [.. _spans];

        public void Dispose() => _listener.Dispose();
    }

    private sealed record Measurement(string Instrument, long Value, Dictionary<string, object?> Tags);

    /// <summary>The measurements of this app's meters only (its own <see cref="IMeterFactory"/>), not other test hosts'.</summary>
    private sealed class MetricRecorder : IDisposable
    {
        private readonly ConcurrentQueue<Measurement> _measurements = new();
        private readonly MeterListener _listener = new();

        public MetricRecorder(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Groundwork.Sync" && instrument.Meter.Scope == meters) listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
                _measurements.Enqueue(new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
            _listener.Start();
        }

        public IReadOnlyList<Measurement> All => [.. _measurements];

        public async Task<Measurement> WaitForAsync(string instrument, Func<Measurement, bool> match)
        {
            for (var i = 0; i < 100; i++)
            {
                if (All.FirstOrDefault(m => m.Instrument == instrument && match(m)) is { } found) return found;
                await Task.Delay(50);
            }
            Assert.Fail($"No {instrument} measurement matched; seen: {string.Join(", ", All.Select(m => m.Instrument))}");
            return null!;
        }

        public void Dispose() => _listener.Dispose();
    }
}
