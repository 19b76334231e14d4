using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.Locations;

/// <summary>A customer's site; jobs happen at a location (it syncs to QBO as a sub-customer).</summary>
public sealed class Location : TenantEntity
{
    public long CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public required string Name { get; set; }
    public PostalAddress Address { get; set; } = new();
    /// <summary>Sales tax rate in hundredths of a percent (825 = 8.25%); null when the location is untaxed.</summary>
    public int? TaxRateBasisPoints { get; set; }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.Property(l => l.Name).HasMaxLength(Limits.Name).IsRequired();
        b.ComplexProperty(l => l.Address, a => a.ConfigureAddress());
        b.HasOne(l => l.Customer).WithMany(c => c.Locations).HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.OrganizationId, l.CustomerId, l.Name }).IsUnique();
    }
}
