using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.CostCodes;

/// <summary>A CSI-style cost code ("03 30 00 Cast-in-Place Concrete"); maps to a QBO Product/Service.</summary>
public sealed class CostCode : TenantEntity
{
    public required string Number { get; set; }
    public required string Name { get; set; }
    public long? ParentId { get; set; }
    public CostCode? Parent { get; set; }
}

internal sealed class CostCodeConfiguration : IEntityTypeConfiguration<CostCode>
{
    public void Configure(EntityTypeBuilder<CostCode> b)
    {
        b.Property(c => c.Number).HasMaxLength(Limits.CostCodeNumber).IsRequired();
        b.Property(c => c.Name).HasMaxLength(Limits.Name).IsRequired();
        b.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.OrganizationId, c.Number }).IsUnique();
    }
}
