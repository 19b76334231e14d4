namespace Groundwork.QuickBooks.Wire;

/// <summary>Fields shared by Customer, Vendor and Employee, whose DisplayName shares one uniqueness namespace.</summary>
public abstract record QboNameEntity : QboEntity
{
    /// <summary>Max 500 chars, no colon, unique across customers, vendors and employees (inactive ones too).</summary>
    public string? DisplayName { get; init; }

    public string? Title { get; init; }

    public string? GivenName { get; init; }

    public string? MiddleName { get; init; }

    public string? FamilyName { get; init; }

    public string? Suffix { get; init; }

    public string? CompanyName { get; init; }

    public string? PrintOnCheckName { get; init; }

    /// <summary>False for "deleted" names; plain queries leave them out.</summary>
    public bool? Active { get; init; }

    public QboTelephoneNumber? PrimaryPhone { get; init; }

    public QboTelephoneNumber? Mobile { get; init; }

    public QboEmailAddress? PrimaryEmailAddr { get; init; }

    public QboWebSiteAddress? WebAddr { get; init; }

    public string? Notes { get; init; }
}

/// <summary>QBO Customer; a Groundwork location is a sub-customer (<c>Job=true</c> with <c>ParentRef</c>).</summary>
public sealed record QboCustomer : QboNameEntity, IQboEntity<QboCustomer>
{
    public static string EntityName => "Customer";

    /// <summary>Read-only, colon-joined ancestors: <c>Parent:Job</c>.</summary>
    public string? FullyQualifiedName { get; init; }

    public QboPhysicalAddress? BillAddr { get; init; }

    public QboPhysicalAddress? ShipAddr { get; init; }

    public bool? Taxable { get; init; }

    public bool? Job { get; init; }

    public bool? BillWithParent { get; init; }

    public QboRef? ParentRef { get; init; }

    public int? Level { get; init; }

    public decimal? Balance { get; init; }

    public decimal? BalanceWithJobs { get; init; }

    public QboRef? CurrencyRef { get; init; }

    /// <summary>Print, Email or None.</summary>
    public string? PreferredDeliveryMethod { get; init; }

    public QboRef? DefaultTaxCodeRef { get; init; }

    public QboRef? SalesTermRef { get; init; }

    public bool? IsProject { get; init; }
}

/// <summary>QBO Vendor.</summary>
public sealed record QboVendor : QboNameEntity, IQboEntity<QboVendor>
{
    public static string EntityName => "Vendor";

    public QboPhysicalAddress? BillAddr { get; init; }

    public string? AcctNum { get; init; }

    public bool? Vendor1099 { get; init; }

    public decimal? Balance { get; init; }

    public QboRef? TermRef { get; init; }

    public QboRef? CurrencyRef { get; init; }

    /// <summary>Masked by QBO in responses.</summary>
    public string? TaxIdentifier { get; init; }
}

/// <summary>QBO Employee: read only by Groundwork, for name clashes.</summary>
public sealed record QboEmployee : QboNameEntity, IQboEntity<QboEmployee>
{
    public static string EntityName => "Employee";

    public string? EmployeeNumber { get; init; }

    public bool? BillableTime { get; init; }

    public QboPhysicalAddress? PrimaryAddr { get; init; }

    public DateOnly? HiredDate { get; init; }
}
