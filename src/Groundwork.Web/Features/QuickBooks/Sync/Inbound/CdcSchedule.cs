using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>Status-back settings. Bound from the "QuickBooks:Sync" section.</summary>
public sealed class StatusBackOptions
{
    public const string SectionName = "QuickBooks:Sync";

    /// <summary>How often a company whose webhooks flow catches up by CDC, on the app clock (the backstop for a lost one). Default: 5 minutes.</summary>
    public TimeSpan CdcInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a company with no webhook event within <see cref="WebhookGap"/> catches up by CDC: what bounds a change's
    /// delay when every webhook is lost. Also the window each company's first catch-up after start-up is staggered over.
    /// Default: 30 seconds.
    /// </summary>
    public TimeSpan CdcIntervalWithoutWebhooks { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long without a webhook event before a company's webhooks count as not flowing (and it catches up at once, then
    /// every <see cref="CdcIntervalWithoutWebhooks"/>). Default: 5 minutes.
    /// </summary>
    public TimeSpan WebhookGap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long raw webhook deliveries and their events are kept. Default: 7 days.</summary>
    public TimeSpan KeepWebhookDeliveries { get; set; } = TimeSpan.FromDays(7);

    public bool IsValid() => CdcIntervalWithoutWebhooks > TimeSpan.Zero && CdcInterval >= CdcIntervalWithoutWebhooks
        && WebhookGap > TimeSpan.Zero && KeepWebhookDeliveries > TimeSpan.Zero;
}

/// <summary>
/// The CDC backstop's clock. Once every hosted service (the silo among them) has started, it looks every
/// <see cref="Tick"/> of app time at the connected companies and asks each one that is due (<see cref="CdcTimetable"/>:
/// the relaxed interval while its webhooks flow, the short one after a webhook gap, each company at its own phase) to
/// catch up; every <see cref="StatusBackOptions.CdcInterval"/> it drops webhook deliveries older than
/// <see cref="StatusBackOptions.KeepWebhookDeliveries"/>. Webhooks make changes arrive in seconds; this makes sure none
/// is lost when they do not arrive at all, and that it arrives within about a minute even then.
/// </summary>
internal sealed partial class CdcSchedule(IServiceScopeFactory scopes, IGrainFactory grains, IHostApplicationLifetime lifetime, AppClock clock,
    IOptions<StatusBackOptions> options, ILogger<CdcSchedule> logger) : BackgroundService
{
    /// <summary>How often the schedule looks for due companies: the granularity of the staggering.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    private readonly CdcTimetable _timetable = new(options.Value);
    private DateTime _nextCleanup = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, ex);
            }
            await Task.Delay(Tick, clock, stoppingToken);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        var now = clock.UtcNow;
        IReadOnlyList<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
            // Across organizations on purpose: which are connected, which had webhook events lately, and raw deliveries
            // (no organization's rows) past keeping.
            var connected = await db.QboConnections.IgnoreQueryFilters().Where(c => c.Status == QboConnectionStatus.Connected)
                .Select(c => c.OrganizationId).ToListAsync(ct);
            // Only a company due on the short interval but not the relaxed one needs to know whether its webhooks flow.
            var undecided = _timetable.Undecided(connected, now);
            var since = _timetable.FlowingSince(now);
            var flowing = undecided.Count == 0 ? [] : (await db.QboChangeEvents.IgnoreQueryFilters()
                .Where(e => e.ReceivedAtUtc >= since && undecided.Contains(e.OrganizationId))
                .Select(e => e.OrganizationId).Distinct().ToListAsync(ct)).ToHashSet();
            due = _timetable.TakeDue(flowing, now);
            if (now >= _nextCleanup)
            {
                _nextCleanup = now + options.Value.CdcInterval;
                var before = now - options.Value.KeepWebhookDeliveries;
                await db.QboWebhookDeliveries.Where(d => d.ReceivedAtUtc < before).ExecuteDeleteAsync(ct);
            }
        }
        foreach (var organization in due)
        {
            await grains.GetGrain<ICompanySyncGrain>(organization).CatchUpAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling the QuickBooks CDC catch-up failed; trying again at the next tick")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
