using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>The Groundwork records the match-and-link screen links to QBO names.</summary>
public enum NameKind
{
    Customer,
    Location,
    Vendor,
}

/// <summary>What each kind is in QBO: its link kind, the QBO list it links into, and the lists its name may clash with.</summary>
public static class NameKinds
{
    public const string Choices = "customer, location or vendor";

    /// <summary>Only the three spellings the API documents (any case); anything else is a 400.</summary>
    public static bool TryParse(string? text, out NameKind kind)
    {
        foreach (var candidate in Enum.GetValues<NameKind>())
        {
            if (string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static string Slug(this NameKind kind) => kind.ToString().ToLowerInvariant();

    public static LinkedKind Linked(this NameKind kind) => kind switch
    {
        NameKind.Customer => LinkedKind.Customer,
        NameKind.Location => LinkedKind.Location,
        _ => LinkedKind.Vendor,
    };

    /// <summary>A location is a QBO sub-customer: a Customer with <c>Job=true</c> and a <c>ParentRef</c>.</summary>
    public static QboListType List(this NameKind kind) => kind == NameKind.Vendor ? QboListType.Vendor : QboListType.Customer;

    public static string QboType(this NameKind kind) => kind == NameKind.Vendor ? "Vendor" : "Customer";

    /// <summary>QBO keeps one DisplayName space for customers (sub-customers too), vendors and employees.</summary>
    public static QboListType[] ClashLists(this NameKind kind) => kind == NameKind.Vendor
        ? [QboListType.Customer, QboListType.Employee]
        : [QboListType.Vendor, QboListType.Employee];

    /// <summary>The link kinds whose QBO side is the same QBO type, so a QBO record linked by any of them is taken.</summary>
    public static LinkedKind[] SameQboType(this NameKind kind) => kind == NameKind.Vendor
        ? [LinkedKind.Vendor]
        : [LinkedKind.Customer, LinkedKind.Location, LinkedKind.Job];
}
