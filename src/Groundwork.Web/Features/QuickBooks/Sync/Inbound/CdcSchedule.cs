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

    /// <summary>How often every connected company catches up by CDC, on the app clock. Default: 5 minutes.</summary>
    public TimeSpan CdcInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long raw webhook deliveries and their events are kept. Default: 7 days.</summary>
    public TimeSpan KeepWebhookDeliveries { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// The CDC backstop's clock: at start-up (after every hosted service, the silo among them, has started) and then every
/// <see cref="StatusBackOptions.CdcInterval"/> of app time, asks each connected company's grain to catch up, and drops
/// webhook deliveries older than <see cref="StatusBackOptions.KeepWebhookDeliveries"/>. Webhooks make changes arrive in
/// seconds; this makes sure none is lost when they do not arrive at all.
/// </summary>
internal sealed partial class CdcSchedule(IServiceScopeFactory scopes, IGrainFactory grains, IHostApplicationLifetime lifetime, AppClock clock,
    IOptions<StatusBackOptions> options, ILogger<CdcSchedule> logger) : BackgroundService
{
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
            await Task.Delay(options.Value.CdcInterval, clock, stoppingToken);
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        List<long> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
            // Across organizations on purpose: which are connected, and raw deliveries (no organization's rows) past keeping.
            organizations = await db.QboConnections.IgnoreQueryFilters().Where(c => c.Status == QboConnectionStatus.Connected)
                .Select(c => c.OrganizationId).ToListAsync(ct);
            var before = clock.UtcNow - options.Value.KeepWebhookDeliveries;
            await db.QboWebhookDeliveries.Where(d => d.ReceivedAtUtc < before).ExecuteDeleteAsync(ct);
        }
        foreach (var organization in organizations)
        {
            await grains.GetGrain<ICompanySyncGrain>(organization).CatchUpAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling the QuickBooks CDC catch-up failed; trying again at the next interval")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
