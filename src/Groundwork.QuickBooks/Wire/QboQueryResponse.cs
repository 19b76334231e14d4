using System.Text.Json.Serialization;

namespace Groundwork.QuickBooks.Wire;

/// <summary>
/// <c>QueryResponse</c>: one array per entity plus paging figures. With no match QBO sends <c>{}</c>;
/// <c>count(*)</c> sends only <c>totalCount</c>.
/// </summary>
public sealed record QboQueryResponse : QboObject
{
    [JsonPropertyName("startPosition")]
    public int? StartPosition { get; init; }

    [JsonPropertyName("maxResults")]
    public int? MaxResults { get; init; }

    [JsonPropertyName("totalCount")]
    public int? TotalCount { get; init; }

    public IReadOnlyList<QboCompanyInfo>? CompanyInfo { get; init; }

    public IReadOnlyList<QboPreferences>? Preferences { get; init; }

    public IReadOnlyList<QboAccount>? Account { get; init; }

    public IReadOnlyList<QboItem>? Item { get; init; }

    public IReadOnlyList<QboClass>? Class { get; init; }

    public IReadOnlyList<QboTaxAgency>? TaxAgency { get; init; }

    public IReadOnlyList<QboTaxCode>? TaxCode { get; init; }

    public IReadOnlyList<QboCustomer>? Customer { get; init; }

    public IReadOnlyList<QboVendor>? Vendor { get; init; }

    public IReadOnlyList<QboEmployee>? Employee { get; init; }

    public IReadOnlyList<QboInvoice>? Invoice { get; init; }

    public IReadOnlyList<QboBill>? Bill { get; init; }

    public IReadOnlyList<QboPayment>? Payment { get; init; }

    public IReadOnlyList<QboBillPayment>? BillPayment { get; init; }

    public IReadOnlyList<QboCreditMemo>? CreditMemo { get; init; }

    public IReadOnlyList<QboSalesReceipt>? SalesReceipt { get; init; }

    /// <summary>The rows of type <typeparamref name="T"/>; empty when none matched.</summary>
    public IReadOnlyList<T> Get<T>()
        where T : QboEntity, IQboEntity<T> => QboEntityRegistry<QboQueryResponse>.Read<T>(this) as IReadOnlyList<T> ?? [];
}
