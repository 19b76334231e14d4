namespace Groundwork.QuickBooks.Wire;

/// <summary>A transaction line. <see cref="DetailType"/> names which detail object is set.</summary>
public sealed record QboLine : QboObject
{
    public string? Id { get; init; }

    public int? LineNum { get; init; }

    public string? Description { get; init; }

    public decimal? Amount { get; init; }

    /// <summary>SalesItemLineDetail, ItemBasedExpenseLineDetail, AccountBasedExpenseLineDetail, SubTotalLineDetail, …</summary>
    public string? DetailType { get; init; }

    public QboSalesItemLineDetail? SalesItemLineDetail { get; init; }

    public QboItemBasedExpenseLineDetail? ItemBasedExpenseLineDetail { get; init; }

    public QboAccountBasedExpenseLineDetail? AccountBasedExpenseLineDetail { get; init; }

    public QboSubTotalLineDetail? SubTotalLineDetail { get; init; }

    /// <summary>On Payment and BillPayment lines: the invoices or bills the amount applies to.</summary>
    public IReadOnlyList<QboLinkedTxn>? LinkedTxn { get; init; }
}

/// <summary>Invoice / credit memo / sales receipt line detail.</summary>
public sealed record QboSalesItemLineDetail : QboObject
{
    public QboRef? ItemRef { get; init; }

    /// <summary>Honoured only when Preferences.AccountingInfoPrefs.ClassTrackingPerTxnLine is on.</summary>
    public QboRef? ClassRef { get; init; }

    public decimal? Qty { get; init; }

    public decimal? UnitPrice { get; init; }

    /// <summary>US companies: the pseudo codes TAX / NON; elsewhere a real TaxCode id.</summary>
    public QboRef? TaxCodeRef { get; init; }

    public DateOnly? ServiceDate { get; init; }

    public QboRef? ItemAccountRef { get; init; }

    public decimal? DiscountRate { get; init; }

    public decimal? DiscountAmt { get; init; }

    public decimal? TaxInclusiveAmt { get; init; }
}

/// <summary>Bill line charged to an item.</summary>
public sealed record QboItemBasedExpenseLineDetail : QboObject
{
    public QboRef? ItemRef { get; init; }

    public QboRef? ClassRef { get; init; }

    public decimal? Qty { get; init; }

    public decimal? UnitPrice { get; init; }

    public QboRef? TaxCodeRef { get; init; }

    public QboRef? CustomerRef { get; init; }

    /// <summary>Billable, NotBillable or HasBeenBilled.</summary>
    public string? BillableStatus { get; init; }
}

/// <summary>Bill line charged to an expense account.</summary>
public sealed record QboAccountBasedExpenseLineDetail : QboObject
{
    public QboRef? AccountRef { get; init; }

    public QboRef? ClassRef { get; init; }

    public QboRef? CustomerRef { get; init; }

    public string? BillableStatus { get; init; }

    public QboRef? TaxCodeRef { get; init; }

    public decimal? TaxAmount { get; init; }
}

/// <summary>The subtotal line QBO adds to sales transactions in responses.</summary>
public sealed record QboSubTotalLineDetail : QboObject
{
    public QboRef? ItemRef { get; init; }
}

/// <summary>Transaction-level tax.</summary>
public sealed record QboTxnTaxDetail : QboObject
{
    public QboRef? TxnTaxCodeRef { get; init; }

    public decimal? TotalTax { get; init; }

    public IReadOnlyList<QboLine>? TaxLine { get; init; }
}
