using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Wakes a company's <see cref="ICompanySyncGrain"/> once a save that queued a push has committed — never before, so the
/// grain cannot look for a row that is not there yet. One place, so no use case can queue a push and forget to wake.
/// </summary>
internal sealed class OutboxWakeInterceptor(IGrainFactory grains) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly HashSet<long> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    // Inside an explicit transaction the rows are not committed yet: the wake waits for the commit.
    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await WakeAsync();
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) WakeAsync().GetAwaiter().GetResult();
        return base.SavedChanges(eventData, result);
    }

    public async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await WakeAsync();

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => WakeAsync().GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => _pending.Clear();

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => _pending.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries<QboOutboxEntry>())
        {
            if (entry.State == EntityState.Added) _pending.Add(entry.Entity.OrganizationId != 0 ? entry.Entity.OrganizationId : ((GroundworkDbContext)context).CurrentOrganizationId);
        }
    }

    private async Task WakeAsync()
    {
        foreach (var organization in _pending)
        {
            await grains.GetGrain<ICompanySyncGrain>(organization).WakeAsync();
        }
        _pending.Clear();
    }
}

/// <summary>At start-up, wakes every company that still has outbox rows: pushes interrupted by a restart resume.</summary>
internal sealed partial class OutboxStartup(IServiceScopeFactory scopes, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<OutboxStartup> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After every hosted service (the Orleans silo among them) has started.
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }
        List<long> organizations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
            // Across organizations on purpose: this reads only which organizations have work, never their rows.
            organizations = await db.QboOutbox.IgnoreQueryFilters().Select(e => e.OrganizationId).Distinct().ToListAsync(stoppingToken);
        }
        foreach (var organization in organizations)
        {
            await grains.GetGrain<ICompanySyncGrain>(organization).WakeAsync();
        }
        if (organizations.Count > 0) LogResumed(logger, organizations.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Resumed QuickBooks pushes for {Count} organization(s) with queued records")]
    private static partial void LogResumed(ILogger logger, int count);
}
