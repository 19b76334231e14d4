using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Transaction lines: detail types, line ids, Qty × UnitPrice, US tax codes, class-per-line, and the totals.</summary>
internal static class LineRules
{
    internal sealed record Totals(decimal Subtotal, decimal Taxable);

    public static Totals Normalize(OpContext ctx, JsonObject doc, JsonObject? existing, bool sales)
    {
        if (doc.Arr("Line") is not { Count: > 0 } lines)
        {
            throw Faults.Required("Line");
        }

        var known = existing?.Arr("Line")?.OfType<JsonObject>().Select(l => l.Str("Id")).OfType<string>().ToHashSet() ?? [];
        var nextId = known.Select(i => int.TryParse(i, out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var output = new JsonArray();
        decimal subtotal = 0, taxable = 0;
        var lineNum = 1;
        foreach (var node in lines)
        {
            var line = node as JsonObject ?? throw Faults.Unsupported("Line");
            var type = line.Str("DetailType") ?? throw Faults.Required("Line.DetailType");
            if (type == "SubTotalLineDetail")
            {
                continue;
            }

            var copy = line.DeepClone().AsObject();
            var amount = LineAmount(ctx, copy, type, sales);
            subtotal += type == "DiscountLineDetail" ? -amount : amount;
            if (sales && copy.Obj(type)?.RefValue("TaxCodeRef") == "TAX")
            {
                taxable += amount;
            }

            var id = copy.Str("Id");
            copy["Id"] = id is not null && known.Contains(id) ? id : (nextId++).ToString(CultureInfo.InvariantCulture);
            copy["LineNum"] = lineNum++;
            output.Add(copy);
        }

        if (sales)
        {
            output.Add(new JsonObject { ["Amount"] = Json.Money(subtotal), ["DetailType"] = "SubTotalLineDetail", ["SubTotalLineDetail"] = new JsonObject() });
        }

        doc["Line"] = output;
        return new Totals(subtotal, taxable);
    }

    private static decimal LineAmount(OpContext ctx, JsonObject line, string type, bool sales)
    {
        string[] allowed = sales
            ? ["SalesItemLineDetail", "DescriptionOnly", "DiscountLineDetail", "GroupLineDetail"]
            : ["ItemBasedExpenseLineDetail", "AccountBasedExpenseLineDetail"];
        if (!allowed.Contains(type))
        {
            throw Faults.V("2170", "Invalid Enumeration", $"Invalid Enumeration : {type}", "Line.DetailType");
        }

        if (type == "DescriptionOnly")
        {
            return 0;
        }

        var amount = line.Dec("Amount") ?? throw Faults.Required("Line.Amount");
        var detail = line.Obj(type) ?? new JsonObject();
        line[type] = detail;
        CheckQuantity(detail, amount);
        ApplyClass(ctx, detail);
        switch (type)
        {
            case "SalesItemLineDetail":
                ApplyTaxCode(ctx, detail);
                return detail.RefValue("ItemRef") is null ? 0 : amount;
            case "ItemBasedExpenseLineDetail" when detail.RefValue("ItemRef") is null:
                throw Faults.Required("Line.ItemBasedExpenseLineDetail.ItemRef");
            case "AccountBasedExpenseLineDetail" when detail.RefValue("AccountRef") is null:
                throw Faults.Required("Line.AccountBasedExpenseLineDetail.AccountRef");
            default:
                return amount;
        }
    }

    private static void CheckQuantity(JsonObject detail, decimal amount)
    {
        if (detail.Dec("Qty") is { } qty && detail.Dec("UnitPrice") is { } price
            && Math.Abs(decimal.Round(qty * price, 2) - amount) > 0.005m)
        {
            throw Faults.AmountMismatch(amount);
        }
    }

    /// <summary>QBO drops a line ClassRef when class tracking per line is off (no fault); the README records this choice.</summary>
    private static void ApplyClass(OpContext ctx, JsonObject detail)
    {
        if (detail["ClassRef"] is not null && !ctx.Pref("AccountingInfoPrefs", "ClassTrackingPerTxnLine"))
        {
            detail.Remove("ClassRef");
        }
    }

    private static void ApplyTaxCode(OpContext ctx, JsonObject detail)
    {
        if (!ctx.IsUs)
        {
            return;
        }

        var code = detail.RefValue("TaxCodeRef");
        if (code is null)
        {
            detail["TaxCodeRef"] = new JsonObject { ["value"] = "NON" };
        }
        else if (code is not ("TAX" or "NON"))
        {
            throw Faults.InvalidTaxCode(code);
        }
    }
}
