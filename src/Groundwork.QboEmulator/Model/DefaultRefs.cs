using System.Globalization;
using System.Text.Json.Nodes;

namespace Groundwork.QboEmulator.Model;

/// <summary>
/// References QBO fills in when a client leaves them out: the Accounts Payable account of bills and bill payments,
/// Undeposited Funds for customer payments (API.md §3.3, §3.12, §3.13), and a taxable customer's sales tax code where
/// sales tax is on (recorded in create__customer__0.json). Invoices and credit memos get no ARAccountRef (as recorded).
/// A company without such an account gets no default (QBO would create its system account; the emulator does not).
/// </summary>
internal static class DefaultRefs
{
    public static void Apply(OpContext ctx, EntityDef def, JsonObject doc)
    {
        switch (def.Name)
        {
            case "Bill" or "BillPayment":
                Fill(doc, "APAccountRef", FirstAccount(ctx, a => a.Str("AccountType") == "Accounts Payable"));
                break;
            case "Payment":
                Fill(doc, "DepositToAccountRef", FirstAccount(ctx, a => a.Str("AccountSubType") == "UndepositedFunds"
                    || (a.Str("AccountType") == "Other Current Asset" && NameRules.BaseName(EntityCatalog.Get("Account"), a.Str("Name") ?? "") == "Undeposited Funds")));
                break;
            case "Customer" when doc.Bool("Taxable") == true && ctx.Pref("TaxPrefs", "UsingSalesTax"):
                Fill(doc, "DefaultTaxCodeRef", ctx.All("TaxCode").Where(c => c.IsActive()).OrderBy(Id).FirstOrDefault());
                break;
        }
    }

    private static void Fill(JsonObject doc, string field, JsonObject? target)
    {
        if (doc.RefValue(field) is null && target is not null)
        {
            doc[field] = new JsonObject { ["value"] = target.Str("Id") };
        }
    }

    private static JsonObject? FirstAccount(OpContext ctx, Func<JsonObject, bool> match) =>
        ctx.All("Account").Where(a => a.IsActive() && match(a)).OrderBy(Id).FirstOrDefault();

    private static long Id(JsonObject doc) => long.TryParse(doc.Str("Id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue;
}
