using Groundwork.Web.Data;
using Groundwork.Web.Features.Locations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.Customers;

public sealed class Customer : TenantEntity
{
    public required string Name { get; set; }
    public string? ContactName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public PostalAddress BillingAddress { get; set; } = new();
    public bool IsActive { get; set; } = true;
    public List<Location> Locations { get; set; } = [];
}

/// <summary>A postal address, stored inline with its owner.</summary>
public sealed class PostalAddress
{
    public string? Line1 { get; set; }
    public string? Line2 { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? PostalCode { get; set; }
    public string? Country { get; set; }

    public override string ToString() =>
        string.Join(", ", new[] { Line1, Line2, City, Region, PostalCode, Country }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(c => c.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(c => c.ContactName).HasMaxLength(Limits.Name);
        b.Property(c => c.Email).HasMaxLength(Limits.Email);
        b.Property(c => c.Phone).HasMaxLength(Limits.Phone);
        b.ComplexProperty(c => c.BillingAddress, a => a.ConfigureAddress());
        b.HasIndex(c => new { c.OrganizationId, c.Name }).IsUnique();
    }
}
