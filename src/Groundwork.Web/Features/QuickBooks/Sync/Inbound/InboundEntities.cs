using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// One webhook delivery exactly as Intuit sent it, kept for diagnosis. Not tenant-owned: a delivery names realms, not
/// organizations, and one realm may be connected to several (or none). Only deliveries whose signature verified are kept;
/// the column says so explicitly for anyone reading the table.
/// </summary>
public sealed class QboWebhookDelivery
{
    public long Id { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public required string Body { get; set; }
    public bool SignatureOk { get; set; }
    /// <summary>The realms the delivery named, comma-separated.</summary>
    public string? RealmIds { get; set; }
    public int EventCount { get; set; }
    /// <summary>Why a signed body could not be read (neither webhook format); null when it was.</summary>
    public string? Error { get; set; }
}

/// <summary>
/// One change a webhook announced, for one organization connected to the realm. Unique on what the change is
/// (realm, entity, id, operation, when), so a delivery Intuit repeats adds nothing. The company's grain takes the pending
/// ones in order and reads each entity's current state from QBO, so events arriving late or out of order do no harm.
/// </summary>
public sealed class QboChangeEvent : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ConnectionId { get; set; }
    public long DeliveryId { get; set; }
    public required string RealmId { get; set; }
    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    public required string Operation { get; set; }
    /// <summary>The change's time as QBO gave it (legacy <c>lastUpdated</c>, CloudEvents <c>time</c>), or its CloudEvents id when it had none.</summary>
    public required string EventKey { get; set; }
    public DateTime? OccurredAtUtc { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public DateTime? ProcessedAtUtc { get; set; }
    public int Attempts { get; set; }
    /// <summary>What processing did: applied, ignored, failed (with QBO's words).</summary>
    public string? Outcome { get; set; }
}

/// <summary>
/// Where change data capture resumes for a connection: a time on QBO's clock (from its answers, never ours), so the
/// two clocks never need to agree. Kept apart from the connection so a cursor move never bumps the connection's version
/// (the token rotation's compare-and-swap).
/// </summary>
public sealed class QboCdcCursor : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ConnectionId { get; set; }
    /// <summary>QBO time the next CDC asks from; null until the first catch-up.</summary>
    public DateTime? ChangedSinceUtc { get; set; }
    /// <summary>App time of the last catch-up that finished.</summary>
    public DateTime? LastRunAtUtc { get; set; }
    /// <summary>App time of the last full reconcile by query (a cursor older than CDC's 30 days, or none).</summary>
    public DateTime? LastReconcileAtUtc { get; set; }
}

internal sealed class InboundEntitiesConfiguration :
    IEntityTypeConfiguration<QboWebhookDelivery>, IEntityTypeConfiguration<QboChangeEvent>, IEntityTypeConfiguration<QboCdcCursor>
{
    public void Configure(EntityTypeBuilder<QboWebhookDelivery> b)
    {
        b.ToTable("QboWebhookDeliveries");
        b.Property(e => e.RealmIds).HasMaxLength(2000);
        b.Property(e => e.Error).HasMaxLength(500);
        b.HasIndex(e => e.ReceivedAtUtc);
    }

    public void Configure(EntityTypeBuilder<QboChangeEvent> b)
    {
        b.ToTable("QboChangeEvents");
        b.Property(e => e.RealmId).HasMaxLength(32);
        b.Property(e => e.Entity).HasMaxLength(32);
        b.Property(e => e.EntityId).HasMaxLength(64);
        b.Property(e => e.Operation).HasMaxLength(16);
        b.Property(e => e.EventKey).HasMaxLength(64);
        b.Property(e => e.Outcome).HasMaxLength(500);
        // The de-duplication: a repeated delivery's events collide here and are skipped (ON CONFLICT DO NOTHING).
        b.HasIndex(e => new { e.OrganizationId, e.RealmId, e.Entity, e.EntityId, e.Operation, e.EventKey }).IsUnique();
        b.HasIndex(e => new { e.OrganizationId, e.ProcessedAtUtc });
        b.HasIndex(e => e.ReceivedAtUtc);
        b.HasOne<QboWebhookDelivery>().WithMany().HasForeignKey(e => e.DeliveryId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Connection.QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QboCdcCursor> b)
    {
        b.ToTable("QboCdcCursors");
        b.HasIndex(e => e.ConnectionId).IsUnique();
        b.HasOne<Connection.QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
