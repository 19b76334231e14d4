using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Orleans.Concurrency;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// One per organization (its QBO company): drains the organization's outbox in order. Holds no durable state — the outbox,
/// links and runs are in the database — so an activation that moves or restarts resumes from there.
/// </summary>
public interface ICompanySyncGrain : IGrainWithIntegerKey
{
    /// <summary>Something was queued (or a retry is due, or QuickBooks was reconnected): drain now. Returns at once.</summary>
    Task WakeAsync();

    /// <summary>Whether a drain is running now (for tests and the health of a run).</summary>
    Task<bool> IsDrainingAsync();
}

[Reentrant]
internal sealed partial class CompanySyncGrain(IServiceScopeFactory scopes, AppClock clock, ILogger<CompanySyncGrain> logger) : Grain, ICompanySyncGrain
{
    /// <summary>After an unexpected failure of a drain, try again this much later rather than spin.</summary>
    public static readonly TimeSpan AfterCrash = TimeSpan.FromSeconds(30);

    private Task? _drain;
    private CancellationTokenSource? _nap;
    private bool _again;

    public Task WakeAsync()
    {
        _again = true;
        _nap?.Cancel();
        if (_drain is null || _drain.IsCompleted) _drain = DrainLoopAsync();
        return Task.CompletedTask;
    }

    public Task<bool> IsDrainingAsync() => Task.FromResult(_drain is { IsCompleted: false });

    private async Task DrainLoopAsync()
    {
        // Leave WakeAsync's turn first, so the caller never waits on QBO.
        await Task.Yield();
        while (true)
        {
            _again = false;
            DateTime? next;
            try
            {
                this.DelayDeactivation(TimeSpan.FromMinutes(10));
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Use(this.GetPrimaryKeyLong());
                next = await scope.ServiceProvider.GetRequiredService<PushEngine>().DrainAsync(CancellationToken.None);
            }
#pragma warning disable CA1031 // The loop must survive anything one drain throws; it is logged and retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogDrainFailed(logger, ex, this.GetPrimaryKeyLong());
                next = clock.UtcNow + AfterCrash;
            }
            if (next is null && !_again) return;
            var wait = (next ?? clock.UtcNow) - clock.UtcNow;
            if (wait > TimeSpan.Zero && !_again)
            {
                using var nap = new CancellationTokenSource();
                _nap = nap;
                try
                {
                    await Task.Delay(wait, clock, nap.Token);
                }
                catch (OperationCanceledException)
                {
                    // Woken early: something new was queued.
                }
                finally
                {
                    _nap = null;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Draining the QuickBooks outbox failed for organization {OrganizationId}; trying again shortly")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, long organizationId);
}
