using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;

namespace Groundwork.Web.Features.Customers;

public sealed class AddressInput
{
    [Display(Name = "Address line 1"), StringLength(Limits.AddressLine, ErrorMessage = Limits.TooLong)] public string? Line1 { get; set; }
    [Display(Name = "Address line 2"), StringLength(Limits.AddressLine, ErrorMessage = Limits.TooLong)] public string? Line2 { get; set; }
    [Display(Name = "City"), StringLength(Limits.City, ErrorMessage = Limits.TooLong)] public string? City { get; set; }
    [Display(Name = "State or region"), StringLength(Limits.Region, ErrorMessage = Limits.TooLong)] public string? Region { get; set; }
    [Display(Name = "Postal code"), StringLength(Limits.PostalCode, ErrorMessage = Limits.TooLong)] public string? PostalCode { get; set; }
    [Display(Name = "Country"), StringLength(Limits.Country, ErrorMessage = Limits.TooLong)] public string? Country { get; set; }

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
