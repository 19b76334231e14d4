using Groundwork.Web.Features.Customers;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Data;

/// <summary>Field lengths, chosen to fit QBO's own limits so a valid Groundwork record is never too long for QBO.</summary>
public static class Limits
{
    /// <summary>QBO DisplayName allows 100 characters.</summary>
    public const int Name = 100;
    public const int Email = 100;
    public const int Phone = 30;
    public const int AddressLine = 100;
    public const int City = 50;
    public const int Region = 50;
    public const int PostalCode = 30;
    public const int Country = 50;
    /// <summary>QBO DocNumber allows 21 characters.</summary>
    public const int DocumentNumber = 21;
    public const int JobNumber = 30;
    public const int CostCodeNumber = 30;
    public const int Description = 4000;
    public const int Memo = 1000;
    public const int Reference = 50;

    internal static void ConfigureAddress(this ComplexPropertyBuilder<PostalAddress> a)
    {
        a.Property(x => x.Line1).HasMaxLength(AddressLine);
        a.Property(x => x.Line2).HasMaxLength(AddressLine);
        a.Property(x => x.City).HasMaxLength(City);
        a.Property(x => x.Region).HasMaxLength(Region);
        a.Property(x => x.PostalCode).HasMaxLength(PostalCode);
        a.Property(x => x.Country).HasMaxLength(Country);
    }
}
