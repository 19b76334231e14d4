using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Groundwork.QuickBooks.Http;

/// <summary>
/// The QBO API pipeline: total timeout → retry → per-attempt timeout. The retry strategy has no rules of its own:
/// it asks <see cref="QboRetryClassifier"/> and retries only <see cref="QboRetryDecision.RetryAfter"/>, waiting exactly
/// the delay the classifier chose. Refresh-token and re-read decisions need state the client does not hold, so they
/// surface to the caller through <see cref="QboException.Classify"/>. Resending is safe: writes carry a requestid.
/// </summary>
internal static class QboResilience
{
    private static readonly ResiliencePropertyKey<TimeSpan> DelayKey = new("Groundwork.Qbo.RetryDelay");

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, QboClientOptions options, TimeProvider time)
    {
        builder.AddTimeout(options.TotalTimeout);
        if (options.RetryInPipeline)
        {
            AddRetry(builder, time);
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    private static void AddRetry(ResiliencePipelineBuilder<HttpResponseMessage> builder, TimeProvider time)
    {
        builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                // Only an upper bound: the classifier stops earlier.
                MaxRetryAttempts = QboRetryClassifier.MaxTransientAttempts,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = false,
                Delay = TimeSpan.Zero,
                ShouldHandle = args => ShouldRetryAsync(args, time),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Context.Properties.TryGetValue(DelayKey, out var delay) ? delay : TimeSpan.Zero),
            });
    }

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args, TimeProvider time)
    {
        var attempt = args.AttemptNumber + 1;
        var decision = args.Outcome switch
        {
            { Exception: HttpRequestException or TimeoutRejectedException } =>
                QboRetryClassifier.Classify(null, null, null, attempt, time.GetUtcNow()),
            { Exception: null, Result: { IsSuccessStatusCode: false } response } =>
                QboRetryClassifier.Classify(
                    response.StatusCode,
                    await FirstCodeAsync(response, args.Context.CancellationToken).ConfigureAwait(false),
                    response.Headers.RetryAfter,
                    attempt,
                    time.GetUtcNow()),
            _ => QboRetryDecision.Stop,
        };
        if (decision is QboRetryDecision.RetryAfter retry)
        {
            args.Context.Properties.Set(DelayKey, retry.Delay);
            return true;
        }

        return false;
    }

    // Buffered, so the client can still read the body when the pipeline hands the response on.
    private static async Task<string?> FirstCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return QboFault.Parse(body, response.StatusCode, null).Code;
    }
}
