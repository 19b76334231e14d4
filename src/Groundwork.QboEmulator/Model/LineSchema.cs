using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>
/// Known properties inside transaction lines (XSD Line and *LineDetail types). Like Jackson at Intuit, an unknown
/// property in a line or its detail is a 2010 fault, so a client's misspelt field ("Quantity") is caught, not dropped.
/// </summary>
internal static class LineSchema
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> Classes = new Dictionary<string, string[]>
    {
        ["Line"] =
        [
            "Id", "LineNum", "Description", "Amount", "DetailType", "LinkedTxn", "SalesItemLineDetail", "GroupLineDetail",
            "DescriptionOnly", "DiscountLineDetail", "SubTotalLineDetail", "ItemBasedExpenseLineDetail",
            "AccountBasedExpenseLineDetail", "LineEx", "ProjectRef", "CustomField",
        ],
        ["SalesItemLineDetail"] =
        [
            "ItemRef", "ClassRef", "Qty", "UnitPrice", "TaxCodeRef", "ServiceDate", "DiscountRate", "DiscountAmt",
            "ItemAccountRef", "MarkupInfo", "TaxInclusiveAmt", "PriceLevelRef", "TaxClassificationRef", "RatePercent",
        ],
        ["ItemBasedExpenseLineDetail"] =
        [
            "ItemRef", "ClassRef", "Qty", "UnitPrice", "TaxCodeRef", "CustomerRef", "BillableStatus", "MarkupInfo",
            "TaxInclusiveAmt", "PriceLevelRef",
        ],
        ["AccountBasedExpenseLineDetail"] =
        [
            "AccountRef", "ClassRef", "CustomerRef", "BillableStatus", "TaxCodeRef", "TaxAmount", "MarkupInfo", "TaxInclusiveAmt",
        ],
        ["DiscountLineDetail"] = ["PercentBased", "DiscountPercent", "DiscountAccountRef", "ClassRef", "TaxCodeRef"],
        ["DescriptionOnly"] = ["ServiceDate", "TaxCodeRef"],
        ["SubTotalLineDetail"] = ["ItemRef"],
        ["GroupLineDetail"] = ["GroupItemRef", "Quantity", "Line"],
        ["LinkedTxn"] = ["TxnId", "TxnType", "TxnLineId"],
    }.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    public static void Validate(JsonObject body)
    {
        foreach (var line in (body["Line"] as JsonArray ?? []).OfType<JsonObject>())
        {
            Check("Line", line);
            foreach (var (name, value) in line)
            {
                if (value is JsonObject detail && Classes.ContainsKey(name))
                {
                    Check(name, detail);
                }
                else if (name == "LinkedTxn" && value is JsonArray links)
                {
                    links.OfType<JsonObject>().ToList().ForEach(link => Check("LinkedTxn", link));
                }
            }
        }
    }

    private static void Check(string className, JsonObject obj)
    {
        var known = Classes[className];
        if (obj.Select(p => p.Key).FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw Faults.V("2010", "Request has invalid or unsupported property",
                $"Property Name:Unrecognized field \"{unknown}\" (class com.intuit.schema.finance.v3.{className}), not marked as ignorable");
        }
    }
}
