using System.Diagnostics;
using System.Globalization;
using Groundwork.QuickBooks;
using Groundwork.Web.Features.QuickBooks.Sync;

namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>
/// The span of one QBO call (all its attempts and waits, so a throttled call shows how long it really took) and the
/// <c>groundwork.qbo.calls</c> count of each request sent. Failed attempts are events on the span; its tags say how the
/// last attempt ended. Without a listener on <see cref="SourceName"/> there is no span and only the counter is touched.
/// </summary>
internal sealed class QboCallTrace : IDisposable
{
    public const string SourceName = "Groundwork.QuickBooks";
    public const string NoAnswer = "no-answer";

    private static readonly ActivitySource Source = new(SourceName);

    private readonly Activity? _span;
    private readonly SyncMetrics _metrics;
    private readonly string _operation;
    private bool _answered;

    private QboCallTrace(SyncMetrics metrics, string operation, Activity? span)
    {
        _metrics = metrics;
        _operation = operation;
        _span = span;
    }

    public static QboCallTrace Start<T>(SyncMetrics metrics, long organizationId, string? operation, string? entity, string? requestId)
    {
        var op = operation ?? QboCallShape<T>.Operation(requestId);
        var what = entity ?? QboCallShape<T>.Entity;
        var span = Source.StartActivity(what is null ? $"QBO {op}" : $"QBO {op} {what}", ActivityKind.Client);
        span?.SetTag("qbo.operation", op);
        span?.SetTag("qbo.entity", what);
        span?.SetTag("qbo.request_id", requestId);
        span?.SetTag("groundwork.organization_id", organizationId);
        return new QboCallTrace(metrics, op, span);
    }

    public void Realm(string? realmId) => _span?.SetTag("qbo.realm", realmId);

    /// <summary>A result exists only for a 2xx answer, and QBO answers every success with 200.</summary>
    public void Succeeded(object? result, int attempt)
    {
        _answered = true;
        _metrics.Called(_operation, "200");
        if (_span is null) return;
        _span.SetTag("qbo.status", "200");
        _span.SetTag("qbo.intuit_tid", (result as IQboAnswer)?.IntuitTid);
        _span.SetTag("qbo.attempts", attempt);
    }

    /// <summary>One attempt failed; <paramref name="final"/> when the call gives up with it.</summary>
    public void Failed(QboException ex, int attempt, bool final)
    {
        var status = Status(ex);
        _metrics.Called(_operation, status);
        if (_span is null) return;
        _span.AddEvent(new ActivityEvent("qbo.attempt_failed", tags: new ActivityTagsCollection
        {
            ["qbo.attempt"] = attempt, ["qbo.status"] = status, ["qbo.intuit_tid"] = ex.IntuitTid, ["qbo.fault_code"] = ex.Fault.Code,
        }));
        _span.SetTag("qbo.status", status);
        _span.SetTag("qbo.intuit_tid", ex.IntuitTid);
        _span.SetTag("qbo.attempts", attempt);
        if (!final) return;
        _answered = true;
        _span.SetTag("error.type", ex.Fault.Code ?? status);
        _span.SetStatus(ActivityStatusCode.Error, ex.Message);
    }

    /// <summary>The call ended without an answer to record: not connected, cancelled, or a bug.</summary>
    public void Aborted(Exception e)
    {
        if (_answered || _span is null) return;
        _span.SetTag("error.type", e.GetType().Name);
        _span.SetStatus(ActivityStatusCode.Error, e is QboNotConnectedException ? e.Message : e.GetType().Name);
    }

    public void Dispose() => _span?.Dispose();

    public static string Status(QboException ex) =>
        ex.StatusCode is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : NoAnswer;
}

/// <summary>What a call is, when the caller did not say, read once per result type.</summary>
internal static class QboCallShape<T>
{
    private static readonly Type? Shape = typeof(T).IsGenericType ? typeof(T).GetGenericTypeDefinition() : null;

    /// <summary>The wire record's QBO name: <c>QboResult&lt;QboInvoice&gt;</c> → Invoice; null for a count.</summary>
    public static readonly string? Entity = Shape == typeof(QboResult<>) || Shape == typeof(QboQueryPage<>)
        ? StripPrefix(typeof(T).GetGenericArguments()[0].Name)
        : null;

    /// <summary>A single-record answer is a write when it carries a requestid (QBO takes one only on writes); anything else is a query or count.</summary>
    public static string Operation(string? requestId) => Shape == typeof(QboResult<>) ? requestId is null ? "read" : "write" : "query";

    private static string StripPrefix(string name) => name.StartsWith("Qbo", StringComparison.Ordinal) ? name[3..] : name;
}
