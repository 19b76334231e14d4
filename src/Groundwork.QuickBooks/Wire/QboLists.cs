namespace Groundwork.QuickBooks.Wire;

/// <summary>QBO Account (chart of accounts). Cannot be deleted; set Active=false.</summary>
public sealed record QboAccount : QboEntity, IQboEntity<QboAccount>
{
    public static string EntityName => "Account";

    /// <summary>Max 100 chars, no colon or double quote.</summary>
    public string? Name { get; init; }

    public bool? SubAccount { get; init; }

    public QboRef? ParentRef { get; init; }

    public string? FullyQualifiedName { get; init; }

    public bool? Active { get; init; }

    /// <summary>Asset, Equity, Expense, Liability, Revenue (read-only).</summary>
    public string? Classification { get; init; }

    public string? AccountType { get; init; }

    public string? AccountSubType { get; init; }

    public string? AcctNum { get; init; }

    public string? Description { get; init; }

    public decimal? CurrentBalance { get; init; }

    public decimal? CurrentBalanceWithSubAccounts { get; init; }

    public QboRef? CurrencyRef { get; init; }
}

/// <summary>QBO Item (Product/Service); a Groundwork cost code maps to one.</summary>
public sealed record QboItem : QboEntity, IQboEntity<QboItem>
{
    public static string EntityName => "Item";

    /// <summary>Max 100 chars, unique, no colon.</summary>
    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    public string? FullyQualifiedName { get; init; }

    public bool? Taxable { get; init; }

    public decimal? UnitPrice { get; init; }

    /// <summary>Service, NonInventory, Inventory, Category, Group, …</summary>
    public string? Type { get; init; }

    public QboRef? IncomeAccountRef { get; init; }

    public QboRef? ExpenseAccountRef { get; init; }

    public QboRef? AssetAccountRef { get; init; }

    public string? PurchaseDesc { get; init; }

    public decimal? PurchaseCost { get; init; }

    public bool? TrackQtyOnHand { get; init; }

    public decimal? QtyOnHand { get; init; }

    public DateOnly? InvStartDate { get; init; }

    public string? Sku { get; init; }

    public bool? SubItem { get; init; }

    public QboRef? ParentRef { get; init; }

    public int? Level { get; init; }

    public QboRef? ClassRef { get; init; }

    public QboRef? SalesTaxCodeRef { get; init; }

    public QboRef? PurchaseTaxCodeRef { get; init; }
}

/// <summary>QBO Class; a Groundwork cost type maps to one.</summary>
public sealed record QboClass : QboEntity, IQboEntity<QboClass>
{
    public static string EntityName => "Class";

    public string? Name { get; init; }

    public bool? SubClass { get; init; }

    public QboRef? ParentRef { get; init; }

    public string? FullyQualifiedName { get; init; }

    public bool? Active { get; init; }
}

/// <summary>QBO TaxAgency: at least one must exist before Groundwork pushes.</summary>
public sealed record QboTaxAgency : QboEntity, IQboEntity<QboTaxAgency>
{
    public static string EntityName => "TaxAgency";

    public string? DisplayName { get; init; }

    public bool? TaxTrackedOnSales { get; init; }

    public bool? TaxTrackedOnPurchases { get; init; }

    public string? TaxRegistrationNumber { get; init; }

    /// <summary>USER_DEFINED or SYSTEM_GENERATED (created by automated sales tax).</summary>
    public string? TaxAgencyConfig { get; init; }
}

/// <summary>QBO TaxCode (read and query only).</summary>
public sealed record QboTaxCode : QboEntity, IQboEntity<QboTaxCode>
{
    public static string EntityName => "TaxCode";

    public string? Name { get; init; }

    public string? Description { get; init; }

    public bool? Active { get; init; }

    public bool? Hidden { get; init; }

    public bool? Taxable { get; init; }

    public bool? TaxGroup { get; init; }

    public QboTaxRateList? SalesTaxRateList { get; init; }

    public QboTaxRateList? PurchaseTaxRateList { get; init; }

    public string? TaxCodeConfigType { get; init; }
}

/// <summary>The rates a tax code applies.</summary>
public sealed record QboTaxRateList : QboObject
{
    public IReadOnlyList<QboTaxRateDetail>? TaxRateDetail { get; init; }
}

/// <summary>One rate of a tax code.</summary>
public sealed record QboTaxRateDetail : QboObject
{
    public QboRef? TaxRateRef { get; init; }

    public string? TaxTypeApplicable { get; init; }

    public int? TaxOrder { get; init; }
}
