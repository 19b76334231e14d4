namespace Groundwork.QuickBooks.Wire;

/// <summary>QBO CompanyInfo (<c>GET /companyinfo/{realmId}</c>).</summary>
public sealed record QboCompanyInfo : QboEntity, IQboEntity<QboCompanyInfo>
{
    public static string EntityName => "CompanyInfo";

    public string? CompanyName { get; init; }

    public string? LegalName { get; init; }

    public QboPhysicalAddress? CompanyAddr { get; init; }

    public QboPhysicalAddress? CustomerCommunicationAddr { get; init; }

    /// <summary>The automated-sales-tax source address.</summary>
    public QboPhysicalAddress? LegalAddr { get; init; }

    /// <summary>"US" selects the US tax model (TAX/NON line codes).</summary>
    public string? Country { get; init; }

    public QboEmailAddress? Email { get; init; }

    public string? FiscalYearStartMonth { get; init; }

    public DateOnly? CompanyStartDate { get; init; }

    public IReadOnlyList<QboNameValue>? NameValue { get; init; }
}

/// <summary>QBO Preferences (<c>GET /preferences</c>): drives the readiness checklist.</summary>
public sealed record QboPreferences : QboEntity, IQboEntity<QboPreferences>
{
    public static string EntityName => "Preferences";

    public QboAccountingInfoPrefs? AccountingInfoPrefs { get; init; }

    public QboSalesFormsPrefs? SalesFormsPrefs { get; init; }

    public QboVendorAndPurchasesPrefs? VendorAndPurchasesPrefs { get; init; }

    public QboTaxPrefs? TaxPrefs { get; init; }

    public QboCurrencyPrefs? CurrencyPrefs { get; init; }

    public QboOtherPrefs? OtherPrefs { get; init; }
}

/// <summary>Class and department tracking.</summary>
public sealed record QboAccountingInfoPrefs : QboObject
{
    public bool? TrackDepartments { get; init; }

    /// <summary>One class per transaction (header ClassRef).</summary>
    public bool? ClassTrackingPerTxn { get; init; }

    /// <summary>One class per line (line ClassRef); what class mapping needs.</summary>
    public bool? ClassTrackingPerTxnLine { get; init; }

    public string? CustomerTerminology { get; init; }

    public string? DepartmentTerminology { get; init; }

    public DateOnly? BookCloseDate { get; init; }
}

/// <summary>Sales form settings.</summary>
public sealed record QboSalesFormsPrefs : QboObject
{
    /// <summary>True: the app may send DocNumber. False: QBO numbers documents itself.</summary>
    public bool? CustomTxnNumbers { get; init; }

    public bool? AllowShipping { get; init; }

    public bool? AllowDiscount { get; init; }

    public bool? AllowDeposit { get; init; }

    public bool? AllowServiceDate { get; init; }

    public QboRef? DefaultTerms { get; init; }
}

/// <summary>Purchase settings.</summary>
public sealed record QboVendorAndPurchasesPrefs : QboObject
{
    public bool? BillableExpenseTracking { get; init; }

    public bool? TrackingByCustomer { get; init; }

    public QboRef? DefaultTerms { get; init; }
}

/// <summary>Sales tax settings (read-only).</summary>
public sealed record QboTaxPrefs : QboObject
{
    public bool? UsingSalesTax { get; init; }

    /// <summary>Absent: not on automated sales tax. True/false: AST on, set up or not.</summary>
    public bool? PartnerTaxEnabled { get; init; }

    public QboRef? TaxGroupCodeRef { get; init; }
}

/// <summary>Currency settings.</summary>
public sealed record QboCurrencyPrefs : QboObject
{
    public bool? MultiCurrencyEnabled { get; init; }

    public QboRef? HomeCurrency { get; init; }
}

/// <summary>Everything else, as name/value pairs.</summary>
public sealed record QboOtherPrefs : QboObject
{
    public IReadOnlyList<QboNameValue>? NameValue { get; init; }
}
