using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Transaction rules: required refs, DocNumber, tax, TotalAmt, DueDate; balances come later from <see cref="LinkRecalc"/>.</summary>
internal static class TxnRules
{
    public static void Normalize(OpContext ctx, EntityDef def, JsonObject doc, JsonObject? existing)
    {
        doc["TxnDate"] ??= ctx.Today;
        doc["CurrencyRef"] ??= NameRules.Usd();
        switch (def.Name)
        {
            case "Invoice" or "CreditMemo":
                Sales(ctx, def, doc, existing);
                break;
            case "Bill":
                Require(doc, "VendorRef");
                var bill = LineRules.Normalize(ctx, doc, existing, sales: false);
                doc["TotalAmt"] = Json.Money(bill.Subtotal);
                doc["Balance"] = Json.Money(bill.Subtotal);
                DocNumber(ctx, def, doc, perParty: "VendorRef");
                DueDate(ctx, doc);
                break;
            case "Payment":
                Require(doc, "CustomerRef");
                PaymentRules.Normalize(ctx, doc, existing, "Invoice", "CustomerRef");
                break;
            case "BillPayment":
                Require(doc, "VendorRef");
                BillPaymentAccounts(doc);
                PaymentRules.Normalize(ctx, doc, existing, "Bill", "VendorRef");
                break;
        }
    }

    private static void Sales(OpContext ctx, EntityDef def, JsonObject doc, JsonObject? existing)
    {
        Require(doc, "CustomerRef");
        FromCustomer(ctx, doc);
        if (doc["ClassRef"] is not null && !ctx.Pref("AccountingInfoPrefs", "ClassTrackingPerTxn"))
        {
            doc.Remove("ClassRef");
        }

        var totals = LineRules.Normalize(ctx, doc, existing, sales: true);
        var tax = Tax(ctx, doc, totals.Taxable);
        var total = totals.Subtotal + tax;
        doc["TotalAmt"] = Json.Money(total);
        doc["Balance"] = Json.Money(total);
        if (def.Name == "CreditMemo")
        {
            doc["RemainingCredit"] = Json.Money(total);
        }
        else
        {
            DueDate(ctx, doc);
            foreach (var flag in new[] { "AllowIPNPayment", "AllowOnlinePayment", "AllowOnlineCreditCardPayment", "AllowOnlineACHPayment" })
            {
                doc[flag] ??= false;
            }
        }

        doc["ApplyTaxAfterDiscount"] ??= false;
        doc["PrintStatus"] ??= "NotSet";
        doc["EmailStatus"] ??= "NotSet";
        DocNumber(ctx, def, doc, perParty: null);
    }

    /// <summary>Like QBO, a sales form without addresses or email takes the customer's.</summary>
    private static void FromCustomer(OpContext ctx, JsonObject doc)
    {
        if (ctx.Find("Customer", doc.RefValue("CustomerRef")!) is not { } customer)
        {
            return;
        }

        doc["BillAddr"] ??= customer["BillAddr"]?.DeepClone();
        doc["ShipAddr"] ??= (customer["ShipAddr"] ?? customer["BillAddr"])?.DeepClone();
        if (doc["BillEmail"] is null && customer.Obj("PrimaryEmailAddr")?.Str("Address") is { } email)
        {
            doc["BillEmail"] = new JsonObject { ["Address"] = email };
        }

        foreach (var field in new[] { "BillAddr", "ShipAddr", "BillEmail" }.Where(f => doc[f] is null))
        {
            doc.Remove(field);
        }
    }

    /// <summary>US sales tax: TxnTaxDetail is ignored when sales tax is off; otherwise the tax code's rates apply to TAX lines.</summary>
    private static decimal Tax(OpContext ctx, JsonObject doc, decimal taxable)
    {
        var detail = doc.Obj("TxnTaxDetail");
        if (!ctx.Pref("TaxPrefs", "UsingSalesTax") || detail is null)
        {
            doc["TxnTaxDetail"] = new JsonObject { ["TotalTax"] = 0 };
            return 0;
        }

        if (detail.RefValue("TxnTaxCodeRef") is not { } codeId || ctx.Find("TaxCode", codeId) is not { } code)
        {
            var given = detail.Dec("TotalTax") ?? 0;
            detail["TotalTax"] = Json.Money(given);
            return given;
        }

        var percent = code.Obj("SalesTaxRateList")?.Arr("TaxRateDetail")?.OfType<JsonObject>()
            .Select(r => r.Obj("TaxRateRef")?.Str("value")).OfType<string>()
            .Sum(id => ctx.Find("TaxRate", id)?.Dec("RateValue") ?? 0) ?? 0;
        var tax = detail.Dec("TotalTax") is { } overridden && overridden != 0 ? overridden : decimal.Round(taxable * percent / 100, 2);
        detail["TotalTax"] = Json.Money(tax);
        return tax;
    }

    private static void DocNumber(OpContext ctx, EntityDef def, JsonObject doc, string? perParty)
    {
        var number = doc.Str("DocNumber");
        var index = ctx.Company.DocNumbers(def.Name);
        if (number is null)
        {
            if (def.Name != "Bill" && !ctx.Pref("SalesFormsPrefs", "CustomTxnNumbers"))
            {
                // Documents hidden in a batch do not count, as in the scan this index replaces.
                var last = ctx.HidesAny
                    ? ctx.All(def.Name).Select(d => long.TryParse(d.Str("DocNumber"), out var n) ? n : 0).DefaultIfEmpty(1000).Max()
                    : Math.Max(index.Highest ?? 1000, 0);
                doc["DocNumber"] = (Math.Max(last, 1000) + 1).ToString(CultureInfo.InvariantCulture);
            }

            return;
        }

        var others = index.Ids(number).Where(id => id != doc.Str("Id")).Select(id => ctx.Find(def.Name, id)).OfType<JsonObject>().Where(d => !IsVoided(d));
        if (!ctx.AllowDuplicateDocNumber && others.Any(d => d.Str("DocNumber") == number
                && (perParty is null || d.RefValue(perParty) == doc.RefValue(perParty))))
        {
            throw Faults.DuplicateDocNumber();
        }
    }

    private static void DueDate(OpContext ctx, JsonObject doc)
    {
        if (doc["DueDate"] is not null)
        {
            return;
        }

        var termId = doc.RefValue("SalesTermRef") ?? ctx.Preferences.Obj("SalesFormsPrefs")?.RefValue("DefaultTerms");
        var days = termId is null ? 0 : (int)(ctx.Find("Term", termId)?.Dec("DueDays") ?? 0);
        var date = DateOnly.ParseExact(doc.Str("TxnDate")![..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        doc["DueDate"] = date.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static void BillPaymentAccounts(JsonObject doc)
    {
        var payType = doc.Str("PayType") ?? throw Faults.Required("PayType");
        var (holder, account) = payType switch
        {
            "Check" => ("CheckPayment", "BankAccountRef"),
            "CreditCard" => ("CreditCardPayment", "CCAccountRef"),
            _ => throw Faults.V("2170", "Invalid Enumeration", $"Invalid Enumeration : {payType}", "PayType"),
        };
        if (doc.Obj(holder)?.RefValue(account) is null)
        {
            throw Faults.Required($"{holder}.{account}");
        }
    }

    private static void Require(JsonObject doc, string field)
    {
        if (doc.RefValue(field) is null)
        {
            throw Faults.Required(field);
        }
    }

    public static bool IsVoided(JsonObject doc) => doc.Bool("__voided") == true;
}
