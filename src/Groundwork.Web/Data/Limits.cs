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
    /// <summary>The message for every length limit: "{0}" is the field's display name, "{1}" the limit.</summary>
    public const string TooLong = "{0} can be at most {1} characters.";

    /// <summary>
    /// Lines on one invoice or bill. QBO's own maximum could not be confirmed (qbo/API.md §8; no Intuit source found), so
    /// this is a conservative choice: far above a builder's longest invoice, small enough to bound every sum below.
    /// </summary>
    public const int DocumentLines = 500;
    /// <summary>Documents one payment applies to; QBO Payment and BillPayment lines, bounded like document lines.</summary>
    public const int PaymentApplications = 500;

    /// <summary>
    /// The largest line amount, document subtotal or total, and payment, either sign: $1,000,000,000.00. That is 10 digits
    /// before the point, inside QBO's "10.5" amount format (15 digits). Why every sum stays representable in a long:
    /// a line is at most <see cref="LargestQuantity"/> × <see cref="LargestUnitAmount"/> = 10^15 cents before it is
    /// refused, and <see cref="DocumentLines"/> of them 5 × 10^17, below long.MaxValue (9.2 × 10^18); tax is computed
    /// in decimal. Sums over many documents (home page, balances) are taken in decimal, which holds 7.9 × 10^28 cents:
    /// 7.9 × 10^17 documents at the largest total.
    /// </summary>
    public const long LargestAmountCents = 100_000_000_000;
    public const decimal LargestAmount = LargestAmountCents / 100m;
    public const decimal LargestQuantity = 1_000_000m;
    /// <summary>Unit price or cost, currency units.</summary>
    public const decimal LargestUnitAmount = 10_000_000m;

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
