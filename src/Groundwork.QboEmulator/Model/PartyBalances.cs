using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Model;

/// <summary>
/// Customer and vendor balances follow their open documents: customer Balance = open invoices − unused credit memos −
/// unapplied payments, BalanceWithJobs adds the sub-customers; vendor Balance = open bills. A balance change does not
/// bump the name's SyncToken or raise a webhook (a client editing the customer is not made stale by an invoice).
/// </summary>
internal static class PartyBalances
{
    public static void Refresh(OpContext ctx, EmulatorStore store, string entity, JsonObject? before, JsonObject? after)
    {
        var (party, refField) = entity switch
        {
            "Invoice" or "CreditMemo" or "Payment" => ("Customer", "CustomerRef"),
            "Bill" or "BillPayment" => ("Vendor", "VendorRef"),
            _ => (null, null),
        };
        if (party is null)
        {
            return;
        }

        foreach (var id in new[] { before?.RefValue(refField!), after?.RefValue(refField!) }.OfType<string>().Distinct())
        {
            if (party == "Customer")
            {
                RefreshCustomer(ctx, store, id);
            }
            else if (ctx.Company.Get("Vendor", id) is { } vendor)
            {
                Set(ctx, store, "Vendor", vendor, ("Balance", Open(ctx, "Bill", "VendorRef", id, "Balance")));
            }
        }
    }

    private static void RefreshCustomer(OpContext ctx, EmulatorStore store, string id)
    {
        if (ctx.Company.Get("Customer", id) is not { } customer)
        {
            return;
        }

        var own = Open(ctx, "Invoice", "CustomerRef", id, "Balance")
            - Open(ctx, "CreditMemo", "CustomerRef", id, "RemainingCredit")
            - Open(ctx, "Payment", "CustomerRef", id, "UnappliedAmt");
        var jobs = ctx.Company.All("Customer").Where(c => c.RefValue("ParentRef") == id).Sum(c => c.Dec("BalanceWithJobs") ?? 0);
        Set(ctx, store, "Customer", customer, ("Balance", own), ("BalanceWithJobs", own + jobs));
        if (customer.RefValue("ParentRef") is { } parent)
        {
            RefreshCustomer(ctx, store, parent);
        }
    }

    private static decimal Open(OpContext ctx, string entity, string refField, string id, string field) =>
        ctx.Company.All(entity).Where(d => d.RefValue(refField) == id && !TxnRules.IsVoided(d)).Sum(d => d.Dec(field) ?? 0);

    private static void Set(OpContext ctx, EmulatorStore store, string entity, JsonObject doc, params (string Field, decimal Value)[] values)
    {
        if (values.All(v => doc.Dec(v.Field) == v.Value))
        {
            return;
        }

        foreach (var (field, value) in values)
        {
            doc[field] = Json.Money(value);
        }

        store.Commit(ctx.Company, entity, doc, operation: null);
    }
}
