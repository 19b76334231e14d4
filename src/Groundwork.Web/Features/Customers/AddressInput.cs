using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;

namespace Groundwork.Web.Features.Customers;

public sealed class AddressInput
{
    [StringLength(Limits.AddressLine)] public string? Line1 { get; set; }
    [StringLength(Limits.AddressLine)] public string? Line2 { get; set; }
    [StringLength(Limits.City)] public string? City { get; set; }
    [StringLength(Limits.Region)] public string? Region { get; set; }
    [StringLength(Limits.PostalCode)] public string? PostalCode { get; set; }
    [StringLength(Limits.Country)] public string? Country { get; set; }

    public PostalAddress ToAddress() => new()
    {
        Line1 = Clean(Line1), Line2 = Clean(Line2), City = Clean(City),
        Region = Clean(Region), PostalCode = Clean(PostalCode), Country = Clean(Country),
    };

    public static AddressInput From(PostalAddress a) => new()
    {
        Line1 = a.Line1, Line2 = a.Line2, City = a.City, Region = a.Region, PostalCode = a.PostalCode, Country = a.Country,
    };

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
