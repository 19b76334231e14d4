namespace Groundwork.QuickBooks.Wire;

/// <summary>Fields every QBO transaction shares.</summary>
public abstract record QboTransaction : QboEntity
{
    /// <summary>Max 21 chars; send only when Preferences.SalesFormsPrefs.CustomTxnNumbers is on.</summary>
    public string? DocNumber { get; init; }

    public DateOnly? TxnDate { get; init; }

    /// <summary>Max 4000 chars; Groundwork keeps its marker here.</summary>
    public string? PrivateNote { get; init; }

    public QboRef? CurrencyRef { get; init; }

    public decimal? ExchangeRate { get; init; }

    /// <summary>Computed by QBO; values sent are overwritten.</summary>
    public decimal? TotalAmt { get; init; }

    public IReadOnlyList<QboLine>? Line { get; init; }

    public IReadOnlyList<QboLinkedTxn>? LinkedTxn { get; init; }

    public QboTxnTaxDetail? TxnTaxDetail { get; init; }

    public QboRef? DepartmentRef { get; init; }

    public IReadOnlyList<QboCustomField>? CustomField { get; init; }
}

/// <summary>Fields shared by Invoice, CreditMemo and SalesReceipt.</summary>
public abstract record QboSalesTransaction : QboTransaction
{
    public QboRef? CustomerRef { get; init; }

    /// <summary>Open amount; 0 means paid (read-only).</summary>
    public decimal? Balance { get; init; }

    public QboPhysicalAddress? BillAddr { get; init; }

    public QboPhysicalAddress? ShipAddr { get; init; }

    public QboEmailAddress? BillEmail { get; init; }

    /// <summary>NotSet, NeedToSend, EmailSent.</summary>
    public string? EmailStatus { get; init; }

    /// <summary>NotSet, NeedToPrint, PrintComplete.</summary>
    public string? PrintStatus { get; init; }

    /// <summary>Header class; honoured only when ClassTrackingPerTxn is on.</summary>
    public QboRef? ClassRef { get; init; }

    public QboRef? SalesTermRef { get; init; }

    public QboMemo? CustomerMemo { get; init; }

    /// <summary>TaxExcluded, TaxInclusive, NotApplicable (non-US).</summary>
    public string? GlobalTaxCalculation { get; init; }

    public bool? ApplyTaxAfterDiscount { get; init; }

    public decimal? HomeTotalAmt { get; init; }

    public decimal? HomeBalance { get; init; }
}

/// <summary>QBO Invoice.</summary>
public sealed record QboInvoice : QboSalesTransaction, IQboEntity<QboInvoice>
{
    public static string EntityName => "Invoice";

    public static QboVoidStyle VoidStyle => QboVoidStyle.OperationVoid;

    public DateOnly? DueDate { get; init; }
}

/// <summary>QBO CreditMemo (a negative Groundwork invoice syncs as one).</summary>
public sealed record QboCreditMemo : QboSalesTransaction, IQboEntity<QboCreditMemo>
{
    public static string EntityName => "CreditMemo";

    public decimal? RemainingCredit { get; init; }
}

/// <summary>QBO SalesReceipt: not used by Groundwork, modelled because QBO fixtures and batches return it.</summary>
public sealed record QboSalesReceipt : QboSalesTransaction, IQboEntity<QboSalesReceipt>
{
    public static string EntityName => "SalesReceipt";

    public static QboVoidStyle VoidStyle => QboVoidStyle.OperationVoid;

    public QboRef? DepositToAccountRef { get; init; }

    public QboRef? PaymentMethodRef { get; init; }

    public string? PaymentRefNum { get; init; }
}

/// <summary>QBO Bill.</summary>
public sealed record QboBill : QboTransaction, IQboEntity<QboBill>
{
    public static string EntityName => "Bill";

    public QboRef? VendorRef { get; init; }

    public QboRef? APAccountRef { get; init; }

    public DateOnly? DueDate { get; init; }

    /// <summary>Open amount; 0 means paid (read-only).</summary>
    public decimal? Balance { get; init; }

    public QboRef? SalesTermRef { get; init; }

    public string? GlobalTaxCalculation { get; init; }
}

/// <summary>QBO Payment: a customer payment applied to invoices through its lines' LinkedTxn.</summary>
public sealed record QboPayment : QboTransaction, IQboEntity<QboPayment>
{
    public static string EntityName => "Payment";

    public static QboVoidStyle VoidStyle => QboVoidStyle.IncludeVoid;

    public QboRef? CustomerRef { get; init; }

    public decimal? UnappliedAmt { get; init; }

    public QboRef? DepositToAccountRef { get; init; }

    public QboRef? PaymentMethodRef { get; init; }

    public string? PaymentRefNum { get; init; }

    public QboRef? ARAccountRef { get; init; }
}

/// <summary>QBO BillPayment: a vendor payment applied to bills through its lines' LinkedTxn.</summary>
public sealed record QboBillPayment : QboTransaction, IQboEntity<QboBillPayment>
{
    public static string EntityName => "BillPayment";

    public static QboVoidStyle VoidStyle => QboVoidStyle.IncludeVoid;

    public QboRef? VendorRef { get; init; }

    /// <summary>Check or CreditCard.</summary>
    public string? PayType { get; init; }

    public QboCheckPayment? CheckPayment { get; init; }

    public QboCreditCardPayment? CreditCardPayment { get; init; }

    public QboRef? APAccountRef { get; init; }
}

/// <summary>BillPayment by check.</summary>
public sealed record QboCheckPayment : QboObject
{
    public QboRef? BankAccountRef { get; init; }

    public string? PrintStatus { get; init; }
}

/// <summary>BillPayment by credit card.</summary>
public sealed record QboCreditCardPayment : QboObject
{
    public QboRef? CCAccountRef { get; init; }
}
