using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.Store;
using static Groundwork.QboEmulator.Ui.Html;
using static Groundwork.QboEmulator.Ui.UiPages;

namespace Groundwork.QboEmulator.Ui;

/// <summary>
/// One transaction's page (<c>/ui/{realm}/{list}/{id}</c>), what QuickBooks opens for a record: its header, every line with
/// its Product/Service, class, quantity, rate and amount, and the totals. The list page keeps the row actions.
/// </summary>
internal static class UiRecord
{
    /// <summary>The list each transaction kind is opened from.</summary>
    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["invoices"] = "Invoice", ["bills"] = "Bill", ["creditmemos"] = "CreditMemo", ["payments"] = "Payment", ["billpayments"] = "BillPayment",
    };

    /// <returns>The page's title and body, or null when there is no such record.</returns>
    public static (string Title, string Body)? Render(UiPages ui, Company c, string list, string id)
    {
        if (!Entities.TryGetValue(list, out var entity) || c.Get(entity, id) is not { } doc)
        {
            return null;
        }

        var party = doc.Obj("CustomerRef") ?? doc.Obj("VendorRef");
        var header = Table(["Id", "No.", entity is "Bill" or "BillPayment" ? "Vendor" : "Customer", "Date", "Due", "Total", "Balance", "Status", "SyncToken"],
        [[
            E(doc.Str("Id")), E(doc.Str("DocNumber")), E(party?.Str("name") ?? party?.Str("value")), E(doc.Str("TxnDate")), E(doc.Str("DueDate")),
            Money(doc, "TotalAmt"), Money(doc, "Balance"), E(Status(doc)), E(doc.Str("SyncToken")),
        ]]);
        var lines = Table(["#", "Description", "Product/Service", "Class", "Qty", "Rate", "Amount", "Linked"],
            (doc.Arr("Line") ?? []).OfType<JsonObject>().Where(l => l.Str("DetailType") != "SubTotalLineDetail").Select(Line));
        var tax = doc.Obj("TxnTaxDetail") is { } t ? $"<p>Tax: {Money(t, "TotalTax")}</p>" : "";
        var note = doc.Str("PrivateNote") is { Length: > 0 } n ? $"<p class=\"muted\">Memo: {E(n)}</p>" : "";
        var title = $"{entity} {doc.Str("DocNumber") ?? doc.Str("Id")}";
        return (title, ui.Nav(c) + $"<h2 id=\"record\">{E(title)}</h2>" + header + lines + tax + note
            + $"<p><a href=\"{E(ui.Link($"/ui/{c.RealmId}/{(entity == "CreditMemo" ? "invoices" : list)}"))}\">All {E(list)}</a></p>");
    }

    /// <summary>As QuickBooks shows a quantity or rate: no trailing zeros (2, 40.5), whatever scale the client sent.</summary>
    private static string? Number(decimal? value) => value?.ToString("0.##########", CultureInfo.InvariantCulture);

    private static string[] Line(JsonObject line)
    {
        var detail = line.Obj(line.Str("DetailType") ?? "") ?? new JsonObject();
        var linked = string.Join(", ", (line.Arr("LinkedTxn") ?? []).OfType<JsonObject>().Select(l => $"{l.Str("TxnType")} {l.Str("TxnId")}"));
        return
        [
            E(line.Str("LineNum")), E(line.Str("Description")), E(detail.Obj("ItemRef")?.Str("name") ?? detail.RefValue("ItemRef")),
            E(detail.Obj("ClassRef")?.Str("name") ?? detail.RefValue("ClassRef")),
            E(Number(detail.Dec("Qty"))), E(Number(detail.Dec("UnitPrice"))),
            Money(line, "Amount"), E(linked),
        ];
    }
}
