using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>A line total's key: the QuickBooks Product/Service and Class (null: none).</summary>
public readonly record struct LineKey(string? ItemId, string? ClassId);

/// <summary>The QuickBooks record a Groundwork record is linked to; <see cref="Deleted"/> once status back saw it deleted there.</summary>
public sealed record LinkedRecord(string QboType, string QboId, bool Deleted)
{
    public string Identity => ApplyQboChange.Identity(QboType, QboId);
}

/// <summary>A Groundwork invoice or bill, reduced to what the report compares.</summary>
/// <param name="PaidOutsideQuickBooksCents">Payments recorded in Groundwork that QuickBooks has not been given.</param>
/// <param name="PartyQboId">The QuickBooks customer/sub-customer (invoices) or vendor (bills) it is linked to, as the push picks it.</param>
/// <param name="Lines">Line amounts by the Product/Service and Class the push sends them with.</param>
public sealed record GroundworkDocument(
    long Id, DocumentKind Kind, string Number, long JobId, DateOnly Date, bool Voided, long TotalCents, long PaidCents, long PaidOutsideQuickBooksCents,
    string SyncState, LinkedRecord? Link, string? PartyQboId, IReadOnlyDictionary<LineKey, long> Lines)
{
    public long OpenCents => Voided ? 0 : checked(TotalCents - PaidCents);
}

/// <summary>A Groundwork payment (received or paid) with the documents it applies to and their jobs.</summary>
public sealed record GroundworkPayment(long Id, DocumentKind Kind, DateOnly Date, long AmountCents, string? Reference, IReadOnlyList<long> DocumentIds,
    IReadOnlyList<long> JobIds, LinkedRecord? Link);

/// <summary>A QuickBooks invoice, credit memo or bill, signed as Groundwork signs it (a credit memo is negative).</summary>
/// <param name="LineCustomers">Bills: the customers (jobs) its lines are charged to.</param>
public sealed record QuickBooksDocument(
    string Entity, string Id, string? DocNumber, DateOnly? Date, string? PartyId, IReadOnlySet<string> LineCustomers, bool Voided,
    long TotalCents, long PaidCents, IReadOnlyDictionary<LineKey, long> Lines, IReadOnlyDictionary<string, string> Names)
{
    public string Identity => ApplyQboChange.Identity(Entity, Id);
    public DocumentKind Kind => Entity == QboEntities.Bill ? DocumentKind.Bill : DocumentKind.Invoice;
    public long OpenCents => Voided ? 0 : checked(TotalCents - PaidCents);

    /// <summary>QuickBooks' figures through <see cref="QboDocumentFacts"/>: void, total, and paid (TotalAmt − Balance).</summary>
    public static QuickBooksDocument From(QboTransaction t)
    {
        var state = QboDocumentFacts.Read(t);
        var sign = t is QboCreditMemo ? -1 : 1;
        var lines = new Dictionary<LineKey, long>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var customers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in t.Line ?? [])
        {
            var (item, cls, customer) = line.DetailType switch
            {
                "SalesItemLineDetail" => (line.SalesItemLineDetail?.ItemRef, line.SalesItemLineDetail?.ClassRef, (QboRef?)null),
                "ItemBasedExpenseLineDetail" => (line.ItemBasedExpenseLineDetail?.ItemRef, line.ItemBasedExpenseLineDetail?.ClassRef, line.ItemBasedExpenseLineDetail?.CustomerRef),
                "AccountBasedExpenseLineDetail" => ((QboRef?)null, line.AccountBasedExpenseLineDetail?.ClassRef, line.AccountBasedExpenseLineDetail?.CustomerRef),
                // Subtotals repeat other lines; descriptions carry no amount.
                _ => ((QboRef?)null, (QboRef?)null, (QboRef?)null),
            };
            if (line.DetailType is not ("SalesItemLineDetail" or "ItemBasedExpenseLineDetail" or "AccountBasedExpenseLineDetail")) continue;
            var key = new LineKey(item?.Value, cls?.Value);
            lines[key] = checked(lines.GetValueOrDefault(key) + sign * DocumentMath.ToCents(line.Amount ?? 0));
            if (item is { Name: { } itemName }) names.TryAdd("item:" + item.Value, itemName);
            if (cls is { Name: { } className }) names.TryAdd("class:" + cls.Value, className);
            if (customer is not null) customers.Add(customer.Value);
        }
        var party = t switch
        {
            QboSalesTransaction s => s.CustomerRef?.Value,
            QboBill b => b.VendorRef?.Value,
            _ => null,
        };
        return new QuickBooksDocument(t switch { QboCreditMemo => QboEntities.CreditMemo, QboBill => QboEntities.Bill, _ => QboEntities.Invoice },
            t.Id ?? "", t.DocNumber, t.TxnDate, party, customers, state.Voided, sign * state.TotalCents, sign * (state.PaidCents ?? 0), lines, names);
    }
}

/// <summary>A QuickBooks Payment or BillPayment.</summary>
/// <param name="UnappliedCents">A customer payment's UnappliedAmt (not applied to any invoice); 0 for bill payments.</param>
public sealed record QuickBooksPayment(
    string Entity, string Id, string? Reference, DateOnly? Date, string? PartyId, bool Voided, long TotalCents, long UnappliedCents,
    IReadOnlyList<(string Entity, string Id)> AppliedTo)
{
    public string Identity => ApplyQboChange.Identity(Entity, Id);
    public DocumentKind Kind => Entity == QboEntities.BillPayment ? DocumentKind.Bill : DocumentKind.Invoice;

    public static QuickBooksPayment From(QboTransaction t) => t switch
    {
        QboPayment p => new(QboEntities.Payment, p.Id ?? "", p.PaymentRefNum ?? p.DocNumber, p.TxnDate, p.CustomerRef?.Value, QboDocumentFacts.IsVoided(p),
            DocumentMath.ToCents(p.TotalAmt ?? 0), DocumentMath.ToCents(p.UnappliedAmt ?? 0), QboDocumentFacts.AppliedTo(p)),
        QboBillPayment b => new(QboEntities.BillPayment, b.Id ?? "", b.DocNumber, b.TxnDate, b.VendorRef?.Value, QboDocumentFacts.IsVoided(b),
            DocumentMath.ToCents(b.TotalAmt ?? 0), 0, QboDocumentFacts.AppliedTo(b)),
        _ => throw new ArgumentException($"{t.GetType().Name} is not a payment.", nameof(t)),
    };
}
