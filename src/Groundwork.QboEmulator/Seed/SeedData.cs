using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Seed;

/// <summary>The seed records themselves (kept apart from the order in which <see cref="Seeder"/> lays them down).</summary>
internal static class SeedData
{
    public static void Singletons(EmulatorStore store, OpContext ctx, string name, bool classPerLine, bool customNumbers)
    {
        var info = JsonNode.Parse($$"""
            {"CompanyName":"{{name}}","LegalName":"{{name}} LLC","Country":"US","FiscalYearStartMonth":"January",
             "CompanyAddr":{"Line1":"123 Main St","City":"Mountain View","CountrySubDivisionCode":"CA","PostalCode":"94042"},
             "LegalAddr":{"Line1":"123 Main St","City":"Mountain View","CountrySubDivisionCode":"CA","PostalCode":"94042"},
             "Email":{"Address":"office@example.com"},"SupportedLanguages":"en","CompanyStartDate":"2024-01-01",
             "NameValue":[{"Name":"OfferingSku","Value":"QuickBooks Online Plus"},{"Name":"SubscriptionStatus","Value":"SUBSCRIBED"}]}
            """)!.AsObject();
        Put(store, ctx, "CompanyInfo", info, "1");
        var prefs = JsonNode.Parse($$$"""
            {"AccountingInfoPrefs":{"TrackDepartments":false,"ClassTrackingPerTxn":false,"ClassTrackingPerTxnLine":{{{Lower(classPerLine)}}},"CustomerTerminology":"Customers"},
             "ProductAndServicesPrefs":{"ForSales":true,"ForPurchase":true,"QuantityWithPriceAndRate":true,"QuantityOnHand":false},
             "SalesFormsPrefs":{"CustomTxnNumbers":{{{Lower(customNumbers)}}},"AllowDeposit":false,"AllowDiscount":true,"AllowEstimates":true,"AllowServiceDate":false,"AllowShipping":false,"DefaultTerms":{"value":"3"}},
             "VendorAndPurchasesPrefs":{"TrackingByCustomer":true,"BillableExpenseTracking":true},
             "TaxPrefs":{"UsingSalesTax":false},
             "CurrencyPrefs":{"MultiCurrencyEnabled":false,"HomeCurrency":{"value":"USD"}},
             "OtherPrefs":{"NameValue":[]}}
            """)!.AsObject();
        Put(store, ctx, "Preferences", prefs, "1");
    }

    public static void Terms(Seeder seeder, OpContext ctx)
    {
        foreach (var (name, days) in new[] { ("Due on receipt", 0), ("Net 15", 15), ("Net 30", 30), ("Net 60", 60) })
        {
            seeder.Create(ctx, "Term", $$"""{"Name":"{{name}}","DueDays":{{days}}}""");
        }
    }

    public static void Accounts(Seeder seeder, OpContext ctx)
    {
        (string Name, string Type)[] accounts =
        [
            ("Checking", "Bank"), ("Savings", "Bank"), ("Accounts Receivable (A/R)", "Accounts Receivable"),
            ("Undeposited Funds", "Other Current Asset"), ("Accounts Payable (A/P)", "Accounts Payable"),
            ("Services", "Income"), ("Sales of Product Income", "Income"), ("Job Materials", "Cost of Goods Sold"),
            ("Subcontractors", "Cost of Goods Sold"), ("Cost of Labor", "Cost of Goods Sold"), ("Equipment Rental", "Expense"),
            ("Mastercard", "Credit Card"), ("Sales Tax Payable", "Other Current Liability"), ("Opening Balance Equity", "Equity"),
        ];
        foreach (var (name, type) in accounts)
        {
            seeder.Create(ctx, "Account", $$"""{"Name":"{{name}}","AccountType":"{{type}}"}""");
        }
    }

    public static void Items(Seeder seeder, OpContext ctx, string[] names)
    {
        foreach (var name in names)
        {
            var type = name is "Materials" or "Concrete" ? "NonInventory" : "Service";
            var expense = type == "NonInventory" ? "8" : "10";
            seeder.Create(ctx, "Item", $$$"""{"Name":"{{{name}}}","Type":"{{{type}}}","IncomeAccountRef":{"value":"6"},"ExpenseAccountRef":{"value":"{{{expense}}}"}}""");
        }
    }

    public static void TaxCode(EmulatorStore store, OpContext ctx, string agencyId)
    {
        var state = new JsonObject { ["Name"] = "CA State", ["RateValue"] = 7.25m, ["AgencyRef"] = new JsonObject { ["value"] = agencyId }, ["Active"] = true, ["SpecialTaxType"] = "NONE", ["DisplayType"] = "ReadOnly" };
        var county = new JsonObject { ["Name"] = "Santa Clara County", ["RateValue"] = 2m, ["AgencyRef"] = new JsonObject { ["value"] = agencyId }, ["Active"] = true, ["SpecialTaxType"] = "NONE", ["DisplayType"] = "ReadOnly" };
        Put(store, ctx, "TaxRate", state, ctx.Company.AllocateId("TaxRate"));
        Put(store, ctx, "TaxRate", county, ctx.Company.AllocateId("TaxRate"));
        var rates = new JsonArray(
            new JsonObject { ["TaxRateRef"] = new JsonObject { ["value"] = state.Str("Id"), ["name"] = "CA State" }, ["TaxTypeApplicable"] = "TaxOnAmount", ["TaxOrder"] = 0 },
            new JsonObject { ["TaxRateRef"] = new JsonObject { ["value"] = county.Str("Id"), ["name"] = "Santa Clara County" }, ["TaxTypeApplicable"] = "TaxOnAmount", ["TaxOrder"] = 0 });
        var code = new JsonObject
        {
            ["Name"] = "Santa Clara", ["Description"] = "Santa Clara County sales tax", ["Active"] = true, ["Hidden"] = false,
            ["Taxable"] = true, ["TaxGroup"] = true, ["SalesTaxRateList"] = new JsonObject { ["TaxRateDetail"] = rates },
            ["PurchaseTaxRateList"] = new JsonObject { ["TaxRateDetail"] = new JsonArray() },
        };
        Put(store, ctx, "TaxCode", code, ctx.Company.AllocateId("TaxCode"));
    }

    public static void Names(Seeder seeder, OpContext ctx, string[] customers, string inactiveCustomer, string[] vendors, string inactiveVendor)
    {
        foreach (var (name, i) in customers.Select((n, i) => (n, i)))
        {
            var customer = new JsonObject { ["DisplayName"] = name };
            if (i % 2 == 0)
            {
                customer["BillAddr"] = new JsonObject { ["Line1"] = $"{4581 + i} Finch St.", ["City"] = "Bayshore", ["CountrySubDivisionCode"] = "CA", ["PostalCode"] = "94326" };
                customer["PrimaryEmailAddr"] = new JsonObject { ["Address"] = $"billing{i + 1}@example.com" };
            }

            seeder.Create(ctx, "Customer", customer.ToJsonString());
        }

        Deactivate(seeder, ctx, "Customer", seeder.Create(ctx, "Customer", new JsonObject { ["DisplayName"] = inactiveCustomer }.ToJsonString()));
        foreach (var name in vendors)
        {
            seeder.Create(ctx, "Vendor", new JsonObject { ["DisplayName"] = name }.ToJsonString());
        }

        Deactivate(seeder, ctx, "Vendor", seeder.Create(ctx, "Vendor", new JsonObject { ["DisplayName"] = inactiveVendor }.ToJsonString()));
        seeder.Create(ctx, "Employee", """{"GivenName":"Emily","FamilyName":"Platt"}""");
        seeder.Create(ctx, "Employee", """{"GivenName":"John","FamilyName":"Johnson"}""");
    }

    public static void Transactions(Seeder seeder, OpContext ctx)
    {
        seeder.Create(ctx, "Invoice", """{"DocNumber":"1001","CustomerRef":{"value":"1"},"Line":[{"Amount":1200,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"2"},"ClassRef":{"value":"1"},"Qty":8,"UnitPrice":150,"TaxCodeRef":{"value":"NON"}}},{"Amount":450,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"3"},"ClassRef":{"value":"2"},"Qty":3,"UnitPrice":150,"TaxCodeRef":{"value":"NON"}}}]}""");
        var partly = seeder.Create(ctx, "Invoice", """{"DocNumber":"1002","CustomerRef":{"value":"3"},"Line":[{"Amount":800,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":4,"UnitPrice":200}}]}""");
        seeder.Create(ctx, "Payment", $$"""{"CustomerRef":{"value":"3"},"TotalAmt":300,"Line":[{"Amount":300,"LinkedTxn":[{"TxnId":"{{partly.Str("Id")}}","TxnType":"Invoice"}]}]}""");
        seeder.Create(ctx, "Bill", """{"DocNumber":"N-5521","VendorRef":{"value":"10"},"Line":[{"Amount":640.5,"DetailType":"AccountBasedExpenseLineDetail","AccountBasedExpenseLineDetail":{"AccountRef":{"value":"8"}}}]}""");
    }

    private static void Deactivate(Seeder seeder, OpContext ctx, string entity, JsonObject doc) =>
        seeder.Update(ctx, entity, new JsonObject { ["Id"] = doc.Str("Id"), ["SyncToken"] = doc.Str("SyncToken"), ["sparse"] = true, ["Active"] = false });

    private static void Put(EmulatorStore store, OpContext ctx, string entity, JsonObject doc, string id)
    {
        Stamp.Create(doc, id, ctx.Now);
        store.Commit(ctx.Company, entity, doc, operation: null);
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
