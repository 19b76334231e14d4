using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Per-list rules beyond names: item types and accounts, account classification, term type, tax agency flags.</summary>
internal static class ListRules
{
    private static readonly FrozenSet<string> ItemTypes =
        new[] { "Service", "NonInventory", "Inventory", "Category", "Group", "Bundle" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> Classification = new Dictionary<string, string>
    {
        ["Bank"] = "Asset", ["Other Current Asset"] = "Asset", ["Fixed Asset"] = "Asset", ["Other Asset"] = "Asset",
        ["Accounts Receivable"] = "Asset", ["Equity"] = "Equity", ["Expense"] = "Expense", ["Other Expense"] = "Expense",
        ["Cost of Goods Sold"] = "Expense", ["Accounts Payable"] = "Liability", ["Credit Card"] = "Liability",
        ["Long Term Liability"] = "Liability", ["Other Current Liability"] = "Liability", ["Income"] = "Revenue",
        ["Other Income"] = "Revenue",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static void Normalize(EntityDef def, JsonObject doc)
    {
        switch (def.Name)
        {
            case "Item":
                Item(doc);
                break;
            case "Account":
                var type = doc.Str("AccountType") ?? throw Faults.Required("AccountType");
                doc["Classification"] = Classification.GetValueOrDefault(type)
                    ?? throw Faults.V("2170", "Invalid Enumeration", $"Invalid Enumeration : {type}", "AccountType");
                doc["CurrentBalance"] ??= 0;
                doc["CurrentBalanceWithSubAccounts"] ??= 0;
                doc["CurrencyRef"] ??= NameRules.Usd();
                break;
            case "Term":
                doc["Type"] = doc["DayOfMonthDue"] is not null ? "DATE_DRIVEN" : "STANDARD";
                break;
            case "TaxAgency":
                doc["TaxTrackedOnSales"] = true;
                doc["TaxTrackedOnPurchases"] = false;
                doc["TaxAgencyConfig"] = "USER_DEFINED";
                break;
        }
    }

    private static void Item(JsonObject doc)
    {
        var type = doc.Str("Type") ?? throw Faults.Required("Type");
        if (!ItemTypes.Contains(type))
        {
            throw Faults.V("2170", "Invalid Enumeration", $"Invalid Enumeration : {type}", "Type");
        }

        if (type is "Service" or "Inventory" or "NonInventory" && doc.RefValue("IncomeAccountRef") is null)
        {
            throw Faults.V("2020", "Required param missing, need to supply the required value for the API",
                "Required parameter An income account is required for this product or service is missing in the request", "IncomeAccountRef");
        }

        if (type == "Inventory" && doc.RefValue("AssetAccountRef") is null)
        {
            throw Faults.V("2020", "Required Param Missing",
                "Required parameter is missing in the request. An inventory assetaccount is required if you are tracking inventory quantities for this product.", "AssetAccountRef");
        }

        doc["Taxable"] ??= false;
        doc["UnitPrice"] ??= 0;
        doc["PurchaseCost"] ??= 0;
        doc["TrackQtyOnHand"] ??= type == "Inventory";
    }
}
