namespace Groundwork.QuickBooks.Wire;

/// <summary>
/// An object that carries at most one entity under its QBO name (<c>{"Invoice": {…}}</c>): the single-entity
/// response envelope and each batch item. Entities we do not model stay in <see cref="QboObject.AdditionalProperties"/>.
/// </summary>
public abstract record QboEntitySet : QboObject
{
    public QboCompanyInfo? CompanyInfo { get; init; }

    public QboPreferences? Preferences { get; init; }

    public QboAccount? Account { get; init; }

    public QboItem? Item { get; init; }

    public QboClass? Class { get; init; }

    public QboTaxAgency? TaxAgency { get; init; }

    public QboTaxCode? TaxCode { get; init; }

    public QboCustomer? Customer { get; init; }

    public QboVendor? Vendor { get; init; }

    public QboEmployee? Employee { get; init; }

    public QboInvoice? Invoice { get; init; }

    public QboBill? Bill { get; init; }

    public QboPayment? Payment { get; init; }

    public QboBillPayment? BillPayment { get; init; }

    public QboCreditMemo? CreditMemo { get; init; }

    public QboSalesReceipt? SalesReceipt { get; init; }

    /// <summary>The entity of type <typeparamref name="T"/>, or null when this object carries another one.</summary>
    public T? Get<T>()
        where T : QboEntity, IQboEntity<T> => QboEntityRegistry<QboEntitySet>.Read<T>(this) as T;
}
