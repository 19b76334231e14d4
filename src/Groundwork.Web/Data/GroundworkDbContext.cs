using Groundwork.Web.Infrastructure;
using System.Linq.Expressions;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.CostCodes;
using Groundwork.Web.Features.CostTypes;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Jobs;
using Groundwork.Web.Features.Locations;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.Vendors;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Data;

/// <summary>
/// The one DbContext. Every <see cref="ITenantOwned"/> row is filtered to the current organization, and a
/// save stamps new rows with it and refuses rows of another organization.
/// Provider-specific subclasses exist only so each provider keeps its own migrations.
/// </summary>
public abstract class GroundworkDbContext(DbContextOptions options, ITenantContext tenant, AppClock clock)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>Read by the query filters on every query; -1 matches nothing when no organization is known.</summary>
    internal long CurrentOrganizationId => tenant.OrganizationId ?? -1;

    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Vendor> Vendors => Set<Vendor>();
    public DbSet<Job> Jobs => Set<Job>();
    public DbSet<CostCode> CostCodes => Set<CostCode>();
    public DbSet<CostType> CostTypes => Set<CostType>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentLine> DocumentLines => Set<DocumentLine>();
    public DbSet<DocumentStatusChange> DocumentStatusChanges => Set<DocumentStatusChange>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentApplication> PaymentApplications => Set<PaymentApplication>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Features.QuickBooks.Connection.QboConnection> QboConnections => Set<Features.QuickBooks.Connection.QboConnection>();
    public DbSet<Features.QuickBooks.Connection.QboOAuthState> QboOAuthStates => Set<Features.QuickBooks.Connection.QboOAuthState>();
    public DbSet<Features.QuickBooks.Links.QboLink> QboLinks => Set<Features.QuickBooks.Links.QboLink>();
    public DbSet<Features.QuickBooks.Sync.QboOutboxEntry> QboOutbox => Set<Features.QuickBooks.Sync.QboOutboxEntry>();
    public DbSet<Features.QuickBooks.Sync.DocumentSync> DocumentSyncs => Set<Features.QuickBooks.Sync.DocumentSync>();
    public DbSet<Features.QuickBooks.Sync.QboSyncLogEntry> QboSyncLog => Set<Features.QuickBooks.Sync.QboSyncLogEntry>();
    public DbSet<Features.QuickBooks.Sync.PushRun> PushRuns => Set<Features.QuickBooks.Sync.PushRun>();
    public DbSet<Features.QuickBooks.Sync.Inbound.QboWebhookDelivery> QboWebhookDeliveries => Set<Features.QuickBooks.Sync.Inbound.QboWebhookDelivery>();
    public DbSet<Features.QuickBooks.Sync.Inbound.QboChangeEvent> QboChangeEvents => Set<Features.QuickBooks.Sync.Inbound.QboChangeEvent>();
    public DbSet<Features.QuickBooks.Sync.Inbound.QboCdcCursor> QboCdcCursors => Set<Features.QuickBooks.Sync.Inbound.QboCdcCursor>();

    /// <summary>
    /// Every DateTime is UTC in the database and comes back marked UTC: SQLite would hand back Unspecified and PostgreSQL
    /// Utc, and the API would render the two differently.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GroundworkDbContext).Assembly);
        builder.Entity<Organization>().Property(o => o.Name).HasMaxLength(Limits.Name);
        builder.Entity<Organization>().Property(o => o.TimeZone).HasMaxLength(64).HasDefaultValue(TimeZones.DefaultId);
        builder.Entity<Membership>().HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
        builder.Entity<Membership>().Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(Limits.Name);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.BaseType is null))
        {
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                builder.Entity(entity.ClrType).HasIndex(nameof(ITenantOwned.OrganizationId));
                builder.Entity(entity.ClrType).HasQueryFilter(TenantFilter(entity.ClrType));
            }
        }
    }

    private LambdaExpression TenantFilter(Type type)
    {
        var row = Expression.Parameter(type, "row");
        var owner = Expression.Property(row, nameof(ITenantOwned.OrganizationId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentOrganizationId));
        return Expression.Lambda(Expression.Equal(owner, current), row);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    internal DateTime StampTime() => clock.GetUtcNow().UtcDateTime;

    /// <summary>What a save does to a new row: the organization in scope (never another one) and its created/updated times.</summary>
    internal void StampNew(object entity, DateTime now)
    {
        if (entity is ITenantOwned added && added.OrganizationId == 0)
        {
            added.OrganizationId = tenant.OrganizationId
                ?? throw new InvalidOperationException("A tenant-owned row was added with no organization in scope.");
        }
        if (entity is ITenantOwned owned && tenant.OrganizationId is { } org && owned.OrganizationId != org)
        {
            throw new InvalidOperationException("A row of another organization cannot be written.");
        }
        if (entity is TenantEntity stamped)
        {
            stamped.CreatedAtUtc = now;
            stamped.UpdatedAtUtc = now;
        }
    }

    private void StampChanges()
    {
        var now = StampTime();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added)
            {
                StampNew(entry.Entity, now);
                continue;
            }
            if (entry.State is EntityState.Modified or EntityState.Deleted
                && entry.Entity is ITenantOwned owned && tenant.OrganizationId is { } org && owned.OrganizationId != org)
            {
                throw new InvalidOperationException("A row of another organization cannot be written.");
            }
            if (entry.Entity is TenantEntity stamped && entry.State is EntityState.Modified) stamped.UpdatedAtUtc = now;
            if (entry.State is EntityState.Modified && entry.Entity is IVersioned versioned)
            {
                versioned.Version++;
            }
        }
    }
}

public sealed class SqliteGroundworkDbContext(DbContextOptions<SqliteGroundworkDbContext> options, ITenantContext tenant, AppClock clock)
    : GroundworkDbContext(options, tenant, clock);

public sealed class PostgresGroundworkDbContext(DbContextOptions<PostgresGroundworkDbContext> options, ITenantContext tenant, AppClock clock)
    : GroundworkDbContext(options, tenant, clock);

/// <summary>Writes UTC (an Unspecified value is taken as UTC, never as local time) and marks what it reads as UTC.</summary>
internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
