using System.Net;
using System.Net.Http.Headers;

namespace Groundwork.QuickBooks;

/// <summary>A QBO call failed. Carries the parsed fault, the HTTP status and what the retry classifier makes of it.</summary>
public sealed class QboException : Exception
{
    public QboException(QboFault fault, HttpStatusCode? statusCode, RetryConditionHeaderValue? retryAfter = null, Exception? inner = null)
        : base(Format(fault, statusCode), inner)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Fault = fault;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public QboFault Fault { get; }

    /// <summary>Null when no response arrived (connection failure, timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    public RetryConditionHeaderValue? RetryAfter { get; }

    /// <summary>
    /// No answer arrived, even after retries: a write may or may not have been applied. Look the record up
    /// (or resend with the same requestid) before creating it again.
    /// </summary>
    public bool IsOutcomeUnknown => StatusCode is null;

    /// <summary>Intuit's transaction id, for support tickets and the audit trail.</summary>
    public string? IntuitTid => Fault.IntuitTid;

    /// <summary>What the caller should do after <paramref name="attempt"/> attempts (1 = the one that just failed).</summary>
    public QboRetryDecision Classify(int attempt, DateTimeOffset now) =>
        QboRetryClassifier.Classify(StatusCode, Fault.Code, RetryAfter, attempt, now);

    private static string Format(QboFault fault, HttpStatusCode? status)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var http = status is { } s ? $"HTTP {(int)s}" : "no response";
        var code = fault.Code is null ? "" : $" code {fault.Code}";
        // Authentication details can echo part of the bearer token ("Token expired: AB0…"); messages end up in logs.
        var detail = fault.Detail is null || IsAuthentication(fault, status) ? "" : $": {fault.Detail}";
        return $"QuickBooks call failed ({http}{code}): {fault.Message}{detail} [intuit_tid {fault.IntuitTid ?? "none"}]";
    }

    private static bool IsAuthentication(QboFault fault, HttpStatusCode? status) =>
        status == HttpStatusCode.Unauthorized
        || string.Equals(fault.FaultType, "AUTHENTICATION", StringComparison.OrdinalIgnoreCase)
        || string.Equals(fault.FaultType, "AuthenticationFault", StringComparison.OrdinalIgnoreCase);
}
