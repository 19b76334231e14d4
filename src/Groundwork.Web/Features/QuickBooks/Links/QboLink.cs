using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.QuickBooks.Links;

/// <summary>What a link's Groundwork side is.</summary>
public enum LinkedKind
{
    /// <summary>The organization's default Product/Service (local id 0): what unmapped cost codes use.</summary>
    DefaultItem = 0,
    CostCode = 1,
    CostType = 2,
    Customer = 3,
    Location = 4,
    Vendor = 5,
    Invoice = 6,
    Bill = 7,
    Payment = 8,
    /// <summary>A job, when the layout makes jobs the QBO sub-customers (<see cref="Connection.QboCustomerLayout.JobAsSubCustomer"/>).</summary>
    Job = 9,
}

/// <summary>How the link came about: shown on the mapping screens, and what Autofill may undo.</summary>
public enum QboLinkSource
{
    Manual = 0,
    Autofill = 1,
    /// <summary>Groundwork created the QBO record.</summary>
    Created = 2,
    /// <summary>Imported from QBO: Groundwork created its record from the QBO one.</summary>
    Imported = 3,
}

/// <summary>The QBO side as last seen.</summary>
public enum QboLinkState
{
    Active = 0,
    /// <summary>Made inactive in QBO: kept, flagged, never offered for a new mapping.</summary>
    Inactive = 1,
    /// <summary>Deleted in QBO: kept so the user sees what it was; a re-push starts a new generation.</summary>
    Deleted = 2,
}

/// <summary>
/// One Groundwork record linked to one QBO record: every mapping (cost code → Item, cost type → Class, the default item)
/// and every sync link (customer, location, vendor, document, payment) is a row here. It belongs to the connection:
/// Remove integration deletes the connection and, by cascade, every link; Disconnect and reconnecting the same company
/// keep them. Each Groundwork record links once per connection; each QBO record is the identity of at most one
/// Groundwork record, except for mappings, where many cost codes may share an Item and many cost types a Class.
/// </summary>
public sealed class QboLink : TenantEntity
{
    public long ConnectionId { get; set; }
    public QboConnection? Connection { get; set; }
    public LinkedKind Kind { get; set; }
    /// <summary>The Groundwork record's id; 0 for <see cref="LinkedKind.DefaultItem"/>.</summary>
    public long LocalId { get; set; }
    public string QboType { get; private set; } = "";
    public string QboId { get; private set; } = "";
    /// <summary><c>QboType:QboId</c> for identity links, null for mappings; unique per connection, so two Groundwork
    /// customers can never both claim one QBO customer.</summary>
    public string? QboIdentity { get; private set; }
    /// <summary>The QBO record's name as last seen (DisplayName, Name or DocNumber).</summary>
    public string? QboName { get; set; }
    public string? SyncToken { get; set; }
    /// <summary>Changes only when a record deleted in QBO is deliberately pushed again, so no old requestid replays it.</summary>
    public int Generation { get; set; }
    public QboLinkSource Source { get; set; }
    public QboLinkState State { get; set; }
    /// <summary>The Autofill run or import that made the link, so that run can be undone as a whole; null for one-by-one links.</summary>
    public string? BatchId { get; set; }

    public static bool IsMapping(LinkedKind kind) => kind is LinkedKind.DefaultItem or LinkedKind.CostCode or LinkedKind.CostType;

    /// <summary>Points the link at a QBO record; the one place the identity key is derived.</summary>
    public void PointAt(string qboType, string qboId, string? name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(qboType);
        ArgumentException.ThrowIfNullOrWhiteSpace(qboId);
        QboType = qboType;
        QboId = qboId;
        QboName = name;
        QboIdentity = IsMapping(Kind) ? null : $"{qboType}:{qboId}";
        State = QboLinkState.Active;
    }
}

internal sealed class QboLinkConfiguration : IEntityTypeConfiguration<QboLink>
{
    public void Configure(EntityTypeBuilder<QboLink> b)
    {
        b.ToTable("QboLinks");
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.State).HasConversion<string>().HasMaxLength(16);
        b.Property(l => l.QboType).HasMaxLength(32).IsRequired();
        b.Property(l => l.QboId).HasMaxLength(64).IsRequired();
        b.Property(l => l.QboIdentity).HasMaxLength(100);
        b.Property(l => l.QboName).HasMaxLength(Limits.Name * 5);
        b.Property(l => l.SyncToken).HasMaxLength(32);
        b.Property(l => l.BatchId).HasMaxLength(36);
        b.HasOne(l => l.Connection).WithMany().HasForeignKey(l => l.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        // Unique on both sides; a null identity (a mapping) never collides, on SQLite or PostgreSQL.
        b.HasIndex(l => new { l.ConnectionId, l.Kind, l.LocalId }).IsUnique();
        b.HasIndex(l => new { l.ConnectionId, l.QboIdentity }).IsUnique();
    }
}
