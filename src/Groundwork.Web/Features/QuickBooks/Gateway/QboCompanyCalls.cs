using Groundwork.QuickBooks;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>
/// How Groundwork code calls QBO for an organization, and the one owner of retries: every attempt takes a concurrency
/// slot and rate-limit permits from the company's gateway grain and gives the slot back when it ends, so a throttled call
/// waits without holding a slot and its retry counts against the limits like any call. What to do after a failure is
/// <see cref="QboRetryClassifier"/>'s decision: wait and retry, refresh the token once, or give up. Each call is a span
/// (<see cref="QboCallTrace"/>) and each request sent is counted.
/// </summary>
public sealed class QboCompanyCalls(IGrainFactory grains, QboClient client, AppClock clock, Sync.SyncMetrics metrics)
{
    /// <param name="maxAttempts">
    /// Fewer attempts for a person waiting on the page (“Check again”); the classifier's own cap
    /// (<see cref="QboRetryClassifier.MaxTransientAttempts"/>) otherwise.
    /// </param>
    /// <param name="maxWait">The longest wait before a retry that is worth it (a person is waiting); none by default.</param>
    /// <param name="operation">The span's and counter's operation (create, update, void, …); by default read, write or query, from the result type.</param>
    /// <param name="entity">The QBO entity for the span; by default the result's wire record (QboInvoice → Invoice).</param>
    /// <param name="requestId">The write's requestid, for the span: the key that ties a trace to the transactions log.</param>
    public async Task<T> CallAsync<T>(long organizationId, Func<QboClient, QboCompanyContext, CancellationToken, Task<T>> call,
        CancellationToken ct, bool batch = false, int maxAttempts = QboRetryClassifier.MaxTransientAttempts, TimeSpan? maxWait = null,
        string? operation = null, string? entity = null, string? requestId = null)
    {
        using var trace = QboCallTrace.Start<T>(metrics, organizationId, operation, entity, requestId);
        try
        {
            return await AttemptAsync(organizationId, call, trace, batch, maxAttempts, maxWait, ct);
        }
        catch (Exception e)
        {
            trace.Aborted(e);
            throw;
        }
    }

    private async Task<T> AttemptAsync<T>(long organizationId, Func<QboClient, QboCompanyContext, CancellationToken, Task<T>> call, QboCallTrace trace,
        bool batch, int maxAttempts, TimeSpan? maxWait, CancellationToken ct)
    {
        var gateway = grains.GetGrain<IQboGatewayGrain>(organizationId);
        string? rejected = null;
        var refreshes = 0;
        for (var attempt = 1; ; attempt++)
        {
            QboRetryDecision decision;
            await AcquireAsync(gateway, batch, ct);
            string? used = null;
            try
            {
                var access = await gateway.GetAccessAsync(forceRefresh: rejected is not null, rejected);
                used = access.AccessToken;
                trace.Realm(access.RealmId);
                var result = await call(client, Context(access), ct);
                trace.Succeeded(result, attempt);
                return result;
            }
            catch (QboException ex) when (attempt < maxAttempts || ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                // A 401 is counted by refreshes (one per call), so one after a throttled retry still gets its refresh.
                var unauthorized = ex.StatusCode == System.Net.HttpStatusCode.Unauthorized;
                decision = ex.Classify(unauthorized ? refreshes + 1 : attempt, clock.GetUtcNow());
                var givesUp = decision is QboRetryDecision.Fail or QboRetryDecision.RereadThenRetry
                    || (decision is QboRetryDecision.RetryAfter { Delay: var tooLong } && tooLong > maxWait);
                trace.Failed(ex, attempt, final: givesUp);
                if (givesUp) throw;
            }
            catch (QboException ex)
            {
                trace.Failed(ex, attempt, final: true);
                throw;
            }
            finally
            {
                await gateway.ReleaseAsync();
            }
            rejected = decision is QboRetryDecision.RefreshTokenThenRetry ? used ?? "" : null;
            refreshes += rejected is null ? 0 : 1;
            if (decision is QboRetryDecision.RetryAfter { Delay: var delay } && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, ct);
            }
        }
    }

    private async Task AcquireAsync(IQboGatewayGrain gateway, bool batch, CancellationToken ct)
    {
        for (var (wait, forSlot) = await gateway.TryAcquireAsync(batch); wait > TimeSpan.Zero; (wait, forSlot) = await gateway.TryAcquireAsync(batch))
        {
            // A slot frees when another call's answer comes (real time); the allowance's window is waited on the app clock.
            await Task.Delay(wait, forSlot ? TimeProvider.System : clock, ct);
        }
    }

    private static QboCompanyContext Context(QboAccess access) => access.IsReady
        ? new QboCompanyContext(access.RealmId!, access.AccessToken!)
        : throw new QboNotConnectedException(access.Problem ?? "QuickBooks is not connected.");
}

/// <summary>QBO cannot be called for this organization: not connected, disconnected, or it needs a reconnect.</summary>
public sealed class QboNotConnectedException(string message) : Exception(message);
