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

/// <summary>Money received against invoices or paid against bills; applied to one or more documents of one kind.</summary>
public sealed class Payment : TenantEntity
{
    public DocumentKind Kind { get; set; }
    public DateOnly Date { get; set; }
    public PaymentMethod Method { get; set; }
    public string? Reference { get; set; }
    public long AmountCents { get; set; }
    public List<PaymentApplication> Applications { get; set; } = [];
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
