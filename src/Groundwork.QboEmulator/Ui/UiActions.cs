using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.Store;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QboEmulator.Ui;

/// <summary>What a person does on the QuickBooks side; every change goes through the same rules (and webhooks) as the API.</summary>
internal sealed class UiActions(EntityService entities, EmulatorStore store, EmulatorClock clock, Admin.FaultInjection faults, OAuth.TokenService tokens)
{
    public string Run(Company company, string action, IFormCollection form)
    {
        lock (company.Gate)
        {
            var ctx = new OpContext(company, clock.UtcNow, clock.Today()) { QuickBooksSide = true };
            try
            {
                return action switch
                {
                    "create-class" => Created(Create(ctx, "Class", new JsonObject { ["Name"] = form["name"].ToString() }), "Class"),
                    "create-item" => Created(Create(ctx, "Item", Item(form)), "Product/service"),
                    "receive-payment" => ReceivePayment(ctx, form),
                    "pay-bill" => PayBill(ctx, form),
                    "void" => Done(entities.Void(ctx, Def(form), Current(ctx, form)), "Voided"),
                    "delete" => Done(entities.Delete(ctx, Def(form), Current(ctx, form)), "Deleted"),
                    "edit-amount" => EditAmount(ctx, form),
                    "credit-memo" => Created(Create(ctx, "CreditMemo", CreditMemo(form)), "Credit memo"),
                    "class-tracking" => ClassTracking(ctx, form["mode"].ToString()),
                    "custom-numbers" => SetPrefs(ctx, "SalesFormsPrefs", new JsonObject { ["CustomTxnNumbers"] = form["on"] == "true" }),
                    "add-tax-agency" => Created(Create(ctx, "TaxAgency", new JsonObject { ["DisplayName"] = form["name"].ToString() }), "Tax agency"),
                    "remove-tax-agency" => RemoveTaxAgency(ctx, form["id"].ToString()),
                    "faults" => SetFaults(company.RealmId, form),
                    "expire-tokens" => $"{Html.Count(tokens.ExpireAccessTokens(company.RealmId), "access token")} expired.",
                    _ => "Unknown action.",
                };
            }
            catch (QboException fault)
            {
                return $"QuickBooks refused: {fault.Error.Message}. {fault.Error.Detail}";
            }
        }
    }

    public string Import(Company company, string csv)
    {
        lock (company.Gate)
        {
            var (imported, skipped) = CsvImport.Import(new OpContext(company, clock.UtcNow, clock.Today()), entities, csv);
            return $"Imported {imported} products/services." + (skipped.Count == 0 ? "" : " Skipped: " + string.Join(" | ", skipped));
        }
    }

    private JsonObject Create(OpContext ctx, string entity, JsonObject body) => entities.Create(ctx, EntityCatalog.Get(entity), body);

    private static string Created(JsonObject doc, string what) => $"{what} {doc.Str("Name") ?? doc.Str("DisplayName") ?? doc.Str("DocNumber") ?? doc.Str("Id")} created.";

    private static string Done(JsonObject doc, string what) => $"{what} #{doc.Str("Id")}.";

    private static EntityDef Def(IFormCollection form) => EntityCatalog.Find(form["entity"].ToString()) ?? throw Faults.UnsupportedOperation("Unknown entity.");

    private static JsonObject Current(OpContext ctx, IFormCollection form)
    {
        var doc = ctx.Find(Def(form).Name, form["id"].ToString()) ?? throw Faults.ObjectNotFound();
        return new JsonObject { ["Id"] = doc.Str("Id"), ["SyncToken"] = doc.Str("SyncToken") };
    }

    private static JsonObject Item(IFormCollection form)
    {
        var item = new JsonObject
        {
            ["Name"] = form["name"].ToString(), ["Type"] = form["type"].ToString() is { Length: > 0 } t ? t : "Service",
            ["IncomeAccountRef"] = new JsonObject { ["value"] = form["income"].ToString() },
            ["ExpenseAccountRef"] = new JsonObject { ["value"] = form["expense"].ToString() },
        };
        if (decimal.TryParse(form["price"], CultureInfo.InvariantCulture, out var price))
        {
            item["UnitPrice"] = price;
        }

        return item;
    }

    private string ReceivePayment(OpContext ctx, IFormCollection form)
    {
        var invoice = ctx.Find("Invoice", form["id"].ToString()) ?? throw Faults.ObjectNotFound();
        var amount = Amount(form, invoice.Dec("Balance") ?? 0);
        var body = new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = invoice.RefValue("CustomerRef") }, ["TotalAmt"] = amount,
            ["Line"] = new JsonArray(new JsonObject { ["Amount"] = amount, ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = invoice.Str("Id"), ["TxnType"] = "Invoice" }) }),
        };
        // QuickBooks' Receive payment screen also asks for the payment date (default today) and a reference no. (a check number).
        if (form["date"].ToString() is { Length: > 0 } date)
        {
            body["TxnDate"] = date;
        }

        if (form["reference"].ToString() is { Length: > 0 } reference)
        {
            body["PaymentRefNum"] = reference;
        }

        var payment = Create(ctx, "Payment", body);
        return $"Payment #{payment.Str("Id")} of {amount:0.00} received on invoice {invoice.Str("DocNumber")}.";
    }

    private string PayBill(OpContext ctx, IFormCollection form)
    {
        var bill = ctx.Find("Bill", form["id"].ToString()) ?? throw Faults.ObjectNotFound();
        var amount = Amount(form, bill.Dec("Balance") ?? 0);
        var bank = ctx.All("Account").FirstOrDefault(a => a.Str("AccountType") == "Bank" && a.IsActive()) ?? throw Faults.Business("No bank account.");
        var payment = Create(ctx, "BillPayment", new JsonObject
        {
            ["VendorRef"] = new JsonObject { ["value"] = bill.RefValue("VendorRef") }, ["PayType"] = "Check", ["TotalAmt"] = amount,
            ["CheckPayment"] = new JsonObject { ["BankAccountRef"] = new JsonObject { ["value"] = bank.Str("Id") } },
            ["Line"] = new JsonArray(new JsonObject { ["Amount"] = amount, ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = bill.Str("Id"), ["TxnType"] = "Bill" }) }),
        });
        return $"Bill payment #{payment.Str("Id")} of {amount:0.00} made.";
    }

    /// <summary>"Edit an amount": the first line gets the new amount (quantity and rate dropped), as a bookkeeper would retype it.</summary>
    private string EditAmount(OpContext ctx, IFormCollection form)
    {
        var def = Def(form);
        var doc = ctx.Find(def.Name, form["id"].ToString()) ?? throw Faults.ObjectNotFound();
        var lines = (JsonArray)doc["Line"]!.DeepClone();
        var first = lines.OfType<JsonObject>().First(l => l.Str("DetailType") != "SubTotalLineDetail");
        first["Amount"] = Amount(form, fallback: null);
        if (first.Obj(first.Str("DetailType")!) is { } detail)
        {
            detail.Remove("Qty");
            detail.Remove("UnitPrice");
        }

        var updated = entities.Update(ctx, def, new JsonObject { ["Id"] = doc.Str("Id"), ["SyncToken"] = doc.Str("SyncToken"), ["sparse"] = true, ["Line"] = lines }, voidRequested: false);
        return $"{def.Name} #{updated.Str("Id")} now totals {updated.Dec("TotalAmt"):0.00}.";
    }

    private static JsonObject CreditMemo(IFormCollection form) => new()
    {
        ["CustomerRef"] = new JsonObject { ["value"] = form["customer"].ToString() },
        ["Line"] = new JsonArray(new JsonObject
        {
            ["Amount"] = Amount(form, fallback: null), ["DetailType"] = "SalesItemLineDetail",
            ["SalesItemLineDetail"] = new JsonObject { ["ItemRef"] = new JsonObject { ["value"] = form["item"].ToString() } },
        }),
    };

    private string ClassTracking(OpContext ctx, string mode) => SetPrefs(ctx, "AccountingInfoPrefs", new JsonObject
    {
        ["ClassTrackingPerTxn"] = mode == "txn", ["ClassTrackingPerTxnLine"] = mode == "line",
    });

    private string SetPrefs(OpContext ctx, string group, JsonObject values)
    {
        var prefs = ctx.Preferences;
        entities.Update(ctx, EntityCatalog.Get("Preferences"), new JsonObject
        {
            ["Id"] = prefs.Str("Id"), ["SyncToken"] = prefs.Str("SyncToken"), ["sparse"] = true, [group] = values,
        }, voidRequested: false);
        return "Settings saved.";
    }

    /// <summary>The API cannot delete a tax agency; the QuickBooks UI can, which is how "no tax agency" is reproduced.</summary>
    private string RemoveTaxAgency(OpContext ctx, string id)
    {
        _ = ctx.Find("TaxAgency", id) ?? throw Faults.ObjectNotFound();
        store.Delete(ctx.Company, "TaxAgency", id);
        NameRules.Unindexed(ctx, EntityCatalog.Get("TaxAgency"), id);
        if (!ctx.All("TaxAgency").Any())
        {
            SetPrefs(ctx, "TaxPrefs", new JsonObject { ["UsingSalesTax"] = false });
        }

        return "Tax agency removed.";
    }

    private string SetFaults(string realmId, IFormCollection form)
    {
        int Int(string key) => int.TryParse(form[key], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : 0;
        double Rate(string key) => double.TryParse(form[key], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? Math.Clamp(v, 0, 1) : 0;
        faults.Set(realmId, new Admin.FaultSettings
        {
            LatencyMs = Int("latencyMs"), ErrorRate = Rate("errorRate"), FailNext = Int("failNext"), ThrottleNext = Int("throttleNext"),
            DropResponseNext = Int("dropResponseNext"), ErrorStatus = Int("errorStatus") == 503 ? 503 : 500,
        });
        return "Fault injection saved.";
    }

    /// <summary>
    /// The form's amount; left empty it is <paramref name="fallback"/> (the whole balance) where there is one. Anything else that
    /// is not an amount above zero is refused, as QuickBooks' own screens do — never read as "the whole balance" or zero.
    /// </summary>
    private static decimal Amount(IFormCollection form, decimal? fallback)
    {
        var text = form["amount"].ToString().Trim();
        if (text.Length == 0 && fallback is { } whole) return whole;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && amount > 0 && amount == decimal.Round(amount, 2)
            && amount < 100_000_000m)
        {
            return amount;
        }
        throw Faults.Business($"Enter an amount above 0.00 with at most two decimals (not “{(text.Length > 20 ? text[..20] + "…" : text)}”).");
    }
}
