using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.QuickBooks.Connection;

public enum QboConnectionStatus
{
    /// <summary>Tokens work; pushing and syncing run.</summary>
    Connected = 0,
    /// <summary>QBO refused our tokens (revoked there, or expired): a person must reconnect.</summary>
    NeedsReconnect = 1,
    /// <summary>Disconnected from Groundwork; the realm and every link are kept for a reconnect.</summary>
    Disconnected = 2,
}

/// <summary>How Groundwork's customers, locations and jobs become QBO customers and sub-customers.</summary>
public enum QboCustomerLayout
{
    /// <summary>Customer → QBO Customer; location → sub-customer (<c>Job=true</c>, <c>ParentRef</c> the customer). The default.</summary>
    LocationAsSubCustomer = 0,
    /// <summary>Customer → QBO Customer; job → sub-customer.</summary>
    JobAsSubCustomer = 1,
}

/// <summary>
/// An organization's link to one QBO company. Tokens are encrypted with Data Protection; the realm stays after a
/// disconnect so reconnecting the same company resumes without duplicates.
/// </summary>
public sealed class QboConnection : TenantEntity
{
    public required string RealmId { get; set; }
    public string? CompanyName { get; set; }
    public QboConnectionStatus Status { get; set; }
    public string? StatusReason { get; set; }
    public string? AccessTokenProtected { get; set; }
    public DateTime? AccessTokenExpiresAtUtc { get; set; }
    public string? RefreshTokenProtected { get; set; }
    public DateTime? RefreshTokenExpiresAtUtc { get; set; }
    public DateTime ConnectedAtUtc { get; set; }
    public string? ConnectedBy { get; set; }
    public DateTime? ReadinessCheckedAtUtc { get; set; }
    /// <summary>The last readiness checklist, as JSON, so the page shows it without calling QBO on every view.</summary>
    public string? ReadinessJson { get; set; }
    /// <summary>Chosen before the first document syncs; locked once one has (see the layout setting).</summary>
    public QboCustomerLayout CustomerLayout { get; set; }
    /// <summary>The QBO Bank or Credit Card account bill payments are paid from (chosen once); null until chosen: bill payments wait.</summary>
    public string? BillPaymentAccountId { get; set; }
    /// <summary>"Bank" or "Credit Card", as QBO types the account: decides PayType Check or CreditCard.</summary>
    public string? BillPaymentAccountType { get; set; }
    public string? BillPaymentAccountName { get; set; }
}

/// <summary>An OAuth <c>state</c> handed to Intuit: bound to one user, single use, short-lived.</summary>
public sealed class QboOAuthState : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>SHA-256 of the state value; the value itself only ever lives in the user's browser and at Intuit.</summary>
    public required string StateHash { get; set; }
    public required string UserId { get; set; }
    public DateTime ExpiresAtUtc { get; set; }
    public DateTime? UsedAtUtc { get; set; }
}

internal sealed class QboConnectionConfiguration : IEntityTypeConfiguration<QboConnection>
{
    public void Configure(EntityTypeBuilder<QboConnection> b)
    {
        b.ToTable("QboConnections");
        b.Property(c => c.RealmId).HasMaxLength(32).IsRequired();
        b.Property(c => c.CompanyName).HasMaxLength(Limits.Name * 2);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.StatusReason).HasMaxLength(Limits.Memo);
        b.Property(c => c.ConnectedBy).HasMaxLength(256);
        b.Property(c => c.CustomerLayout).HasConversion<string>().HasMaxLength(32).HasDefaultValue(QboCustomerLayout.LocationAsSubCustomer);
        b.Property(c => c.BillPaymentAccountId).HasMaxLength(64);
        b.Property(c => c.BillPaymentAccountType).HasMaxLength(32);
        b.Property(c => c.BillPaymentAccountName).HasMaxLength(Limits.Name * 5);
        // One QBO company per organization.
        b.HasIndex(c => c.OrganizationId).IsUnique();
    }
}

internal sealed class QboOAuthStateConfiguration : IEntityTypeConfiguration<QboOAuthState>
{
    public void Configure(EntityTypeBuilder<QboOAuthState> b)
    {
        b.ToTable("QboOAuthStates");
        b.Property(s => s.StateHash).HasMaxLength(64).IsRequired();
        b.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        b.HasIndex(s => s.StateHash).IsUnique();
    }
}
