using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.Vendors;

public sealed class Vendor : TenantEntity
{
    public required string Name { get; set; }
    public string? ContactName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public PostalAddress Address { get; set; } = new();
    public bool IsActive { get; set; } = true;
}

internal sealed class VendorConfiguration : IEntityTypeConfiguration<Vendor>
{
    public void Configure(EntityTypeBuilder<Vendor> b)
    {
        b.Property(v => v.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(v => v.ContactName).HasMaxLength(Limits.Name);
        b.Property(v => v.Email).HasMaxLength(Limits.Email);
        b.Property(v => v.Phone).HasMaxLength(Limits.Phone);
        b.ComplexProperty(v => v.Address, a => a.ConfigureAddress());
        b.HasIndex(v => new { v.OrganizationId, v.Name }).IsUnique();
    }
}
