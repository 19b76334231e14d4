using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Orleans.Concurrency;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// One per organization (its QBO company): drains the organization's outbox in order, and brings QuickBooks' changes back
/// (the pending webhook events, then a CDC catch-up when asked). One loop does both, one step after the other, so a push
/// and a status change never write the same document at once. Holds no durable state — the outbox, events, cursor, links
/// and runs are in the database — so an activation that moves or restarts resumes from there.
/// </summary>
public interface ICompanySyncGrain : IGrainWithIntegerKey
{
    /// <summary>Something was queued or a webhook announced changes (or a retry is due, or QuickBooks was reconnected): work now. Returns at once.</summary>
    Task WakeAsync();

    /// <summary>Webhook events were stored: read and apply them now (the push step runs only when it has work due). Returns at once.</summary>
    Task EventsArrivedAsync();

    /// <summary>Catch up on QuickBooks' changes by CDC from the stored cursor (start-up, the schedule, a reconnect, a suspected webhook gap). Returns at once.</summary>
    Task CatchUpAsync();

    /// <summary>
    /// QuickBooks was (re)connected: pushes resume, QuickBooks' changes are caught up, and the payments recorded before
    /// connecting are queued (<see cref="PaymentsBeforeConnecting"/>), a chunk per step. Returns at once.
    /// </summary>
    Task ConnectedAsync();

    /// <summary>Whether the loop is running now (for tests and the health of a run).</summary>
    Task<bool> IsDrainingAsync();
}

[Reentrant]
internal sealed partial class CompanySyncGrain(IServiceScopeFactory scopes, AppClock clock, ILogger<CompanySyncGrain> logger) : Grain, ICompanySyncGrain
{
    /// <summary>After an unexpected failure of a step, try again this much later rather than spin.</summary>
    public static readonly TimeSpan AfterCrash = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Under a burst of webhook deliveries the status step runs at most this often (real time), so each step settles the
    /// events of many deliveries with a few statements instead of a few statements per delivery.
    /// </summary>
    public static readonly TimeSpan GatherEvents = TimeSpan.FromMilliseconds(100);

    private long _statusRanAt;

    private Task? _drain;
    private CancellationTokenSource? _nap;
    private bool _again;
    private bool _catchUp;
    private bool _catchUpAgain;
    // The push step runs when woken for it (something queued, a reconnect, a catch-up, a fresh activation) or when its own
    // next time has come; a burst of webhook deliveries wakes only the status step, not an empty outbox read per delivery.
    private bool _push = true;
    private DateTime? _pushDue;
    // Payments recorded before connecting are queued after a connect, and looked for once per activation: a host that stopped
    // half-way through them (or before starting) leaves no mark but the payments without a row, so the next activation finishes.
    private bool _payments = true;
    private DateTime? _paymentsDue;

    public Task WakeAsync()
    {
        _push = true;
        return EventsArrivedAsync();
    }

    public Task EventsArrivedAsync()
    {
        _again = true;
        _nap?.Cancel();
        if (_drain is null || _drain.IsCompleted) _drain = DrainLoopAsync();
        return Task.CompletedTask;
    }

    public Task CatchUpAsync()
    {
        _catchUp = true;
        return WakeAsync();
    }

    public Task ConnectedAsync()
    {
        _payments = true;
        return CatchUpAsync();
    }

    public Task<bool> IsDrainingAsync() => Task.FromResult(_drain is { IsCompleted: false });

    private async Task DrainLoopAsync()
    {
        // Leave WakeAsync's turn first, so the caller never waits on QBO.
        await Task.Yield();
        while (true)
        {
            _again = false;
            _catchUp |= _catchUpAgain;
            _catchUpAgain = false;
            this.DelayDeactivation(TimeSpan.FromMinutes(10));
            if (_payments || _paymentsDue <= clock.UtcNow)
            {
                _payments = false;
                _paymentsDue = await StepAsync("payments-before-connecting", s => s.GetRequiredService<PaymentsBeforeConnecting>().QueueAsync(CancellationToken.None));
            }
            if (_push || _pushDue <= clock.UtcNow)
            {
                _push = false;
                _pushDue = await StepAsync("push", s => s.GetRequiredService<PushEngine>().DrainAsync(CancellationToken.None));
            }
            var pushNext = _pushDue;
            var sinceStatus = System.Diagnostics.Stopwatch.GetElapsedTime(_statusRanAt);
            if (_statusRanAt != 0 && sinceStatus < GatherEvents && !_catchUp) await Task.Delay(GatherEvents - sinceStatus);
            _statusRanAt = System.Diagnostics.Stopwatch.GetTimestamp();
            var eventsNext = await StepAsync("status", async s =>
            {
                var step = await s.GetRequiredService<Inbound.ChangeEventProcessor>().ProcessAsync(CancellationToken.None);
                _catchUp |= step.CatchUp;
                return step.Next;
            });
            DateTime? catchUpNext = null;
            if (_catchUp)
            {
                _catchUp = false;
                catchUpNext = await StepAsync("catch-up", async s =>
                {
                    await s.GetRequiredService<Inbound.CdcCatchUp>().RunAsync(CancellationToken.None);
                    return null;
                });
                // A catch-up that failed is tried again with the next step, not at once.
                _catchUpAgain = catchUpNext is not null;
            }
            var next = Earliest(Earliest(Earliest(pushNext, eventsNext), catchUpNext), _paymentsDue);
            if (next is null && !_again && !_catchUp && !_catchUpAgain && !_push) return;
            var wait = (next ?? clock.UtcNow) - clock.UtcNow;
            if (wait > TimeSpan.Zero && !_again && !_catchUp)
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

    /// <summary>Runs one step in its own scope for this organization; when it throws, it is logged and due again in <see cref="AfterCrash"/>.</summary>
    private async Task<DateTime?> StepAsync(string step, Func<IServiceProvider, Task<DateTime?>> run)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Use(this.GetPrimaryKeyLong());
            return await run(scope.ServiceProvider);
        }
#pragma warning disable CA1031 // The loop must survive anything one step throws; it is logged and retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStepFailed(logger, ex, step, this.GetPrimaryKeyLong());
            return clock.UtcNow + AfterCrash;
        }
    }

    private static DateTime? Earliest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Error, Message = "QuickBooks sync step {Step} failed for organization {OrganizationId}; trying again shortly")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string step, long organizationId);
}
