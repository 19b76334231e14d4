using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.QuickBooks.Lists;

/// <summary>The QBO name lists Groundwork reads: what mappings point at and what names clash with.</summary>
public enum QboListType
{
    Item = 0,
    Class = 1,
    Account = 2,
    /// <summary>Customers and sub-customers (<see cref="QboListEntry.ParentId"/> set).</summary>
    Customer = 3,
    Vendor = 4,
    /// <summary>Read only for name clashes: customers, vendors and employees share one name space in QBO.</summary>
    Employee = 5,
}

/// <summary>
/// One record of a QBO list as last read, inactive ones included: screens page and search these rows instead of asking
/// QBO each time (a company can have thousands), and a refresh replaces them with what QBO has now.
/// </summary>
public sealed class QboListEntry : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ConnectionId { get; set; }
    public QboListType List { get; set; }
    public required string QboId { get; set; }
    /// <summary>Name (items, classes, accounts) or DisplayName (customers, vendors, employees), as QBO shows it.</summary>
    public required string Name { get; set; }
    /// <summary><see cref="Links.NameMatch.Key"/> of the name, without QBO's " (deleted)" suffix: what matching and search use.</summary>
    public required string NameKey { get; set; }
    public string? FullyQualifiedName { get; set; }
    /// <summary>The parent record (a sub-customer's customer, a sub-item's or subclass's parent).</summary>
    public string? ParentId { get; set; }
    public bool Active { get; set; }
    /// <summary>Item Type (Service, NonInventory, …) or Account AccountType.</summary>
    public string? Subtype { get; set; }
    /// <summary>Account Classification (Revenue, Expense, …).</summary>
    public string? Classification { get; set; }
    public string? SyncToken { get; set; }
}

/// <summary>When a list was last read in full from QBO.</summary>
public sealed class QboListRefresh : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ConnectionId { get; set; }
    public QboListType List { get; set; }
    public DateTime RefreshedAtUtc { get; set; }
    public int Count { get; set; }
}

internal sealed class QboListEntryConfiguration : IEntityTypeConfiguration<QboListEntry>, IEntityTypeConfiguration<QboListRefresh>
{
    public void Configure(EntityTypeBuilder<QboListEntry> b)
    {
        b.ToTable("QboListEntries");
        b.Property(e => e.List).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.QboId).HasMaxLength(64).IsRequired();
        b.Property(e => e.Name).HasMaxLength(QboNameLimits.DisplayName).IsRequired();
        b.Property(e => e.NameKey).HasMaxLength(QboNameLimits.DisplayName).IsRequired();
        b.Property(e => e.FullyQualifiedName).HasMaxLength(QboNameLimits.FullyQualifiedName);
        b.Property(e => e.ParentId).HasMaxLength(64);
        b.Property(e => e.Subtype).HasMaxLength(64);
        b.Property(e => e.Classification).HasMaxLength(32);
        b.Property(e => e.SyncToken).HasMaxLength(32);
        b.HasOne<QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.ConnectionId, e.List, e.QboId }).IsUnique();
        b.HasIndex(e => new { e.ConnectionId, e.List, e.NameKey });
    }

    public void Configure(EntityTypeBuilder<QboListRefresh> b)
    {
        b.ToTable("QboListRefreshes");
        b.Property(e => e.List).HasConversion<string>().HasMaxLength(16);
        b.HasOne<QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.ConnectionId, e.List }).IsUnique();
    }
}

/// <summary>QBO's name limits (API.md §11), in one place for the checks that run before QBO sees a name.</summary>
public static class QboNameLimits
{
    /// <summary>Customer, vendor and employee DisplayName.</summary>
    public const int DisplayName = 500;
    /// <summary>Item, Class and Account Name.</summary>
    public const int ListName = 100;
    /// <summary>Five levels of colon-joined names.</summary>
    public const int FullyQualifiedName = 2600;
    /// <summary>Customers, vendors, employees, locations, items, classes: the colon is QBO's hierarchy separator.</summary>
    public const char Forbidden = ':';
}
