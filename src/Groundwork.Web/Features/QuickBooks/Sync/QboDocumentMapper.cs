using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// A <see cref="PushPlan"/> as the QBO transaction it becomes: invoice lines as SalesItemLineDetail (TAX/NON per line,
/// the location's tax as a TxnTaxDetail override), bill lines as ItemBasedExpenseLineDetail charged to the job's
/// customer or sub-customer; DocNumber only when the company allows custom numbers; Groundwork's marker in PrivateNote.
/// </summary>
public static class QboDocumentMapper
{
    public static string PrivateNote(PushPlan plan) => $"Groundwork {DocumentRules.Noun(plan.Kind)} {plan.Number} {plan.Marker}";

    /// <summary>The QBO customer (or sub-customer) the document is for: the deepest name of the customer kinds.</summary>
    public static string CustomerId(PushPlan plan, IReadOnlyDictionary<(LinkedKind, long), string> ids) =>
        ids[Key(plan.Names.Last(n => n.Kind != LinkedKind.Vendor))];

    public static (LinkedKind, long) Key(PlannedName n) => (n.Kind, n.LocalId);

    public static QboEntity ToWire(PushPlan plan, IReadOnlyDictionary<(LinkedKind, long), string> ids, string? id = null, string? syncToken = null)
    {
        var customer = new QboRef(CustomerId(plan, ids));
        return plan.Entity switch
        {
            "Bill" => new QboBill
            {
                Id = id, SyncToken = syncToken, VendorRef = new QboRef(ids[Key(plan.Names.Single(n => n.Kind == LinkedKind.Vendor))]),
                TxnDate = plan.TxnDate, DueDate = plan.DueDate, DocNumber = plan.DocNumber, PrivateNote = PrivateNote(plan),
                Line = [.. plan.Lines.Select((l, i) => BillLine(l, i, customer))],
            },
            "CreditMemo" => new QboCreditMemo
            {
                Id = id, SyncToken = syncToken, CustomerRef = customer, TxnDate = plan.TxnDate, DocNumber = plan.DocNumber, PrivateNote = PrivateNote(plan),
                Line = [.. plan.Lines.Select(SalesLine)], TxnTaxDetail = Tax(plan),
            },
            _ => new QboInvoice
            {
                Id = id, SyncToken = syncToken, CustomerRef = customer, TxnDate = plan.TxnDate, DueDate = plan.DueDate, DocNumber = plan.DocNumber,
                PrivateNote = PrivateNote(plan), Line = [.. plan.Lines.Select(SalesLine)], TxnTaxDetail = Tax(plan),
            },
        };
    }

    private static QboTxnTaxDetail? Tax(PushPlan plan) =>
        plan.TaxCodeId is null ? null : new QboTxnTaxDetail { TxnTaxCodeRef = new QboRef(plan.TaxCodeId), TotalTax = plan.Tax };

    private static QboLine SalesLine(PlannedLine l, int i) => new()
    {
        LineNum = i + 1, Description = Description(l), Amount = l.Amount, DetailType = "SalesItemLineDetail",
        SalesItemLineDetail = new QboSalesItemLineDetail
        {
            ItemRef = new QboRef(l.ItemId), ClassRef = l.ClassId is null ? null : new QboRef(l.ClassId), Qty = l.Qty, UnitPrice = l.UnitPrice,
            TaxCodeRef = new QboRef(l.Taxable ? "TAX" : "NON"),
        },
    };

    private static QboLine BillLine(PlannedLine l, int i, QboRef customer) => new()
    {
        LineNum = i + 1, Description = Description(l), Amount = l.Amount, DetailType = "ItemBasedExpenseLineDetail",
        ItemBasedExpenseLineDetail = new QboItemBasedExpenseLineDetail
        {
            ItemRef = new QboRef(l.ItemId), ClassRef = l.ClassId is null ? null : new QboRef(l.ClassId), Qty = l.Qty, UnitPrice = l.UnitPrice,
            CustomerRef = customer, BillableStatus = "NotBillable",
        },
    };

    /// <summary>The line's name and description, as one QBO description (max 4000).</summary>
    private static string Description(PlannedLine l)
    {
        var text = string.IsNullOrWhiteSpace(l.Description) ? l.Name : $"{l.Name} — {l.Description}";
        return text.Length <= 4000 ? text : text[..4000];
    }

    /// <summary>A bill voided in Groundwork: QBO cannot void a bill through the API, so it is zeroed, as QBO's own “Void” does.</summary>
    public static QboBill ZeroedBill(QboBill current, string number) => current with
    {
        Line = [.. (current.Line ?? []).Where(l => l.DetailType != "SubTotalLineDetail").Select(l => l with
        {
            Amount = 0,
            ItemBasedExpenseLineDetail = l.ItemBasedExpenseLineDetail is { } d ? d with { Qty = 0, UnitPrice = d.UnitPrice } : null,
        })],
        PrivateNote = $"Voided in Groundwork (bill {number}). " + (current.PrivateNote ?? ""),
        Sparse = false,
    };
}
