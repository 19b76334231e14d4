using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.Payments;

public enum PaymentMethod
{
    Check = 0,
    Ach = 1,
    Card = 2,
    Cash = 3,
    Wire = 4,
    Other = 5,
}

/// <summary>Where a payment was recorded: in Groundwork by a person, or in QuickBooks by the bookkeeper (and brought in).</summary>
public enum PaymentSource
{
    Groundwork = 0,
    QuickBooks = 1,
}

/// <summary>Money received against invoices or paid against bills; applied to one or more documents of one kind.</summary>
public sealed class Payment : TenantEntity
{
    public DocumentKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public PaymentMethod Method { get; set; }
    public string? Reference { get; set; }
    /// <summary>The money received or paid; a payment made in QuickBooks may leave part unapplied (more than its applications).</summary>
    public long AmountCents { get; set; }
    public PaymentSource Source { get; set; }
    public List<PaymentApplication> Applications { get; set; } = [];
    /// <summary>
    /// When a person chose to keep it in Groundwork only (QuickBooks refused it): never pushed and not listed as unsynced until
    /// someone retries it. Kept on the payment, not with the integration, so removing and reconnecting QuickBooks keeps it.
    /// </summary>
    public DateTime? SyncDismissedAtUtc { get; set; }
    /// <summary>Who dismissed it.</summary>
    public string? SyncDismissedBy { get; set; }
}

public sealed class PaymentApplication : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long PaymentId { get; set; }
    public long DocumentId { get; set; }
    public Document? Document { get; set; }
    public long AmountCents { get; set; }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Method).HasConversion<string>().HasMaxLength(16);
        b.Property(p => p.Reference).HasMaxLength(Limits.Reference);
        b.Property(p => p.Source).HasConversion<string>().HasMaxLength(16).HasDefaultValue(PaymentSource.Groundwork);
        b.Property(p => p.SyncDismissedBy).HasMaxLength(256);
        b.HasMany(p => p.Applications).WithOne().HasForeignKey(a => a.PaymentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PaymentApplicationConfiguration : IEntityTypeConfiguration<PaymentApplication>
{
    public void Configure(EntityTypeBuilder<PaymentApplication> b)
    {
        b.HasOne(a => a.Document).WithMany().HasForeignKey(a => a.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.PaymentId, a.DocumentId }).IsUnique();
    }
}

/// <summary>What a document has been paid: the sum of its payment applications, Groundwork's and QuickBooks' alike.</summary>
public static class PaymentTotals
{
    public static async Task<long> PaidCentsAsync(GroundworkDbContext db, long documentId, CancellationToken ct, long exceptPaymentId = 0) =>
        await db.PaymentApplications.Where(a => a.DocumentId == documentId && a.PaymentId != exceptPaymentId).SumAsync(a => (long?)a.AmountCents, ct) ?? 0;
}
