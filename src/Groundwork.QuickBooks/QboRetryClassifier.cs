using System.Net;
using System.Net.Http.Headers;

namespace Groundwork.QuickBooks;

/// <summary>What to do after a failed QBO call.</summary>
public abstract record QboRetryDecision
{
    private QboRetryDecision()
    {
    }

    /// <summary>Wait, then send the same request again (same requestid, so QBO replays rather than repeats).</summary>
    public sealed record RetryAfter(TimeSpan Delay) : QboRetryDecision;

    /// <summary>The access token was refused: refresh it once, then retry.</summary>
    public sealed record RefreshTokenThenRetry : QboRetryDecision;

    /// <summary>Stale SyncToken (5010): read the entity again, reapply the change once.</summary>
    public sealed record RereadThenRetry : QboRetryDecision;

    /// <summary>Retrying cannot help: show the fault.</summary>
    public sealed record Fail : QboRetryDecision;

    public static QboRetryDecision Retry(TimeSpan delay) => new RetryAfter(delay);

    public static QboRetryDecision RefreshToken { get; } = new RefreshTokenThenRetry();

    public static QboRetryDecision Reread { get; } = new RereadThenRetry();

    public static QboRetryDecision Stop { get; } = new Fail();
}

/// <summary>
/// The one place that decides whether a QBO failure is retried. Pure: same inputs, same answer; the HTTP
/// pipeline, the gateway grain and the sync code all ask it instead of deciding themselves.
/// </summary>
public static class QboRetryClassifier
{
    /// <summary>Attempts in total for throttling and server errors (the first try plus retries).</summary>
    public const int MaxTransientAttempts = 4;

    /// <summary>Intuit's advice when throttled without a Retry-After header (API.md §8).</summary>
    public static readonly TimeSpan ThrottleDefaultDelay = TimeSpan.FromSeconds(60);

    /// <summary>A Retry-After beyond this is not waited for in-line; the caller reschedules instead.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(2);

    private const string ThrottleCode = "3001";

    /// <param name="status">HTTP status, or null when no response arrived (connection failure, attempt timeout).</param>
    /// <param name="qboCode">First QBO error code in the body, if any.</param>
    /// <param name="retryAfter">The Retry-After header, as seconds or as a date.</param>
    /// <param name="attempt">1-based number of the attempt that just failed.</param>
    /// <param name="now">Current time, to turn a Retry-After date into a delay.</param>
    public static QboRetryDecision Classify(
        HttpStatusCode? status, string? qboCode, RetryConditionHeaderValue? retryAfter, int attempt, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        if (qboCode == QboFault.StaleObjectCode)
        {
            return attempt == 1 ? QboRetryDecision.Reread : QboRetryDecision.Stop;
        }

        // Older throttle captures answer 403 with code 3001; it is the same throttle.
        var throttled = status == HttpStatusCode.TooManyRequests || qboCode == ThrottleCode;
        return status switch
        {
            HttpStatusCode.Unauthorized => attempt == 1 ? QboRetryDecision.RefreshToken : QboRetryDecision.Stop,
            _ when throttled => Transient(retryAfter, ThrottleDefaultDelay, attempt, now),
            null => Transient(null, Backoff(attempt), attempt, now),
            { } s when (int)s >= 500 => Transient(retryAfter, Backoff(attempt), attempt, now),
            // Every other 4xx is a validation, authorization or not-found fault: the same request fails the same way.
            _ => QboRetryDecision.Stop,
        };
    }

    private static QboRetryDecision Transient(RetryConditionHeaderValue? header, TimeSpan fallback, int attempt, DateTimeOffset now)
    {
        if (attempt >= MaxTransientAttempts)
        {
            return QboRetryDecision.Stop;
        }

        var delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => fallback,
        };
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay > MaxDelay ? QboRetryDecision.Stop : QboRetryDecision.Retry(delay);
    }

    // 2 s, 4 s, 8 s: short enough to stay inside the call's total timeout.
    private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt));
}
