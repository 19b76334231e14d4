using System.Net;
using System.Net.Http.Headers;

namespace Groundwork.QuickBooks.Tests;

public sealed class QboRetryClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>status (0 = no response), QBO code, Retry-After seconds (-1 none), attempt → expected decision.</summary>
    public static TheoryData<int, string?, int, int, string> Table => new()
    {
        { 429, "3001", 5, 1, "RetryAfter 00:00:05" },
        { 429, null, -1, 1, "RetryAfter 00:01:00" },
        { 429, "3001", 5, 3, "RetryAfter 00:00:05" },
        { 429, "3001", 5, 4, "Fail" },
        { 429, null, 600, 1, "Fail" },
        { 403, "3001", -1, 1, "RetryAfter 00:01:00" },
        { 500, null, -1, 1, "RetryAfter 00:00:02" },
        { 503, null, -1, 2, "RetryAfter 00:00:04" },
        { 503, null, 7, 1, "RetryAfter 00:00:07" },
        { 502, null, -1, 4, "Fail" },
        { 0, null, -1, 1, "RetryAfter 00:00:02" },
        { 0, null, -1, 4, "Fail" },
        { 401, "3200", -1, 1, "RefreshTokenThenRetry" },
        { 401, "3200", -1, 2, "Fail" },
        { 401, "100", -1, 1, "RefreshTokenThenRetry" },
        { 400, "5010", -1, 1, "RereadThenRetry" },
        { 400, "5010", -1, 2, "Fail" },
        { 200, "5010", -1, 1, "RereadThenRetry" },
        { 400, "2020", -1, 1, "Fail" },
        { 400, "2050", -1, 1, "Fail" },
        { 400, "6240", -1, 1, "Fail" },
        { 400, "6140", -1, 1, "Fail" },
        { 400, "6070", -1, 1, "Fail" },
        { 400, "610", -1, 1, "Fail" },
        { 400, "2500", -1, 1, "Fail" },
        { 400, "4000", 5, 1, "Fail" },
        { 400, "6000", -1, 1, "Fail" },
        { 403, "3100", -1, 1, "Fail" },
        { 404, null, -1, 1, "Fail" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Classify_StatusCodeHeadersAttempt_GivesTheTableDecision(int status, string? code, int retryAfter, int attempt, string expected)
    {
        var header = retryAfter < 0 ? null : new RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfter));

        var decision = QboRetryClassifier.Classify(status == 0 ? null : (HttpStatusCode)status, code, header, attempt, Now);

        Assert.Equal(expected, Describe(decision));
    }

    [Fact]
    public void Classify_RetryAfterAsDate_WaitsUntilThatDate()
    {
        var header = new RetryConditionHeaderValue(Now.AddSeconds(30));

        var decision = QboRetryClassifier.Classify(HttpStatusCode.TooManyRequests, null, header, 1, Now);

        Assert.Equal("RetryAfter 00:00:30", Describe(decision));
    }

    [Fact]
    public void Classify_RetryAfterDateInThePast_RetriesAtOnce()
    {
        var header = new RetryConditionHeaderValue(Now.AddSeconds(-30));

        var decision = QboRetryClassifier.Classify(HttpStatusCode.ServiceUnavailable, null, header, 1, Now);

        Assert.Equal("RetryAfter 00:00:00", Describe(decision));
    }

    [Fact]
    public void Classify_AttemptZero_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            QboRetryClassifier.Classify(HttpStatusCode.TooManyRequests, null, null, 0, Now));
    }

    private static string Describe(QboRetryDecision decision) => decision switch
    {
        QboRetryDecision.RetryAfter r => $"RetryAfter {r.Delay:hh\\:mm\\:ss}",
        QboRetryDecision.RefreshTokenThenRetry => "RefreshTokenThenRetry",
        QboRetryDecision.RereadThenRetry => "RereadThenRetry",
        QboRetryDecision.Fail => "Fail",
        _ => decision.ToString(),
    };
}
