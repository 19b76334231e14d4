using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.CostTypes;

/// <summary>Labor, Materials, …; maps to a QBO Class.</summary>
public sealed class CostType : TenantEntity
{
    public required string Name { get; set; }
    public bool TaxableByDefault { get; set; }

    public static readonly (string Name, bool Taxable)[] Defaults =
        [("Labor", false), ("Materials", true), ("Subcontractor", false), ("Equipment", true), ("Other", false)];
}

internal sealed class CostTypeConfiguration : IEntityTypeConfiguration<CostType>
{
    public void Configure(EntityTypeBuilder<CostType> b)
    {
        b.Property(c => c.Name).HasMaxLength(Limits.Name).IsRequired();
        b.HasIndex(c => new { c.OrganizationId, c.Name }).IsUnique();
    }
}
