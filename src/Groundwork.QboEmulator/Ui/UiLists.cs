using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.Store;
using static Groundwork.QboEmulator.Ui.Html;
using static Groundwork.QboEmulator.Ui.UiPages;

namespace Groundwork.QboEmulator.Ui;

/// <summary>The list pages (customers, items, classes, invoices, bills…) with their row actions and create forms.</summary>
internal static class UiLists
{
    public static string? Render(UiPages ui, Company c, string list, string? msg)
    {
        var back = ui.Link($"/ui/{c.RealmId}/{list}");
        string? body = list switch
        {
            "customers" => Names(c, "Customer"),
            "vendors" => Names(c, "Vendor"),
            "classes" => Table(["Id", "Name", "Active"], Docs(c, "Class").Select(d => new[] { E(d.Str("Id")), E(d.Str("FullyQualifiedName")), E(d.IsActive() ? "yes" : "no") }))
                + ui.Form(c.RealmId, "create-class", "<input name=\"name\" required placeholder=\"Class name\"> ", "New class", back),
            "items" => Items(ui, c, back),
            "invoices" => Txns(ui, c, "Invoice", back, "receive-payment", "Receive payment") + CreditMemoForm(ui, c, back),
            "bills" => Txns(ui, c, "Bill", back, "pay-bill", "Pay bill"),
            "payments" => Table(["Id", "Customer", "Amount", "Unapplied", ""], Docs(c, "Payment").Select(d => new[]
            {
                E(d.Str("Id")), E(d.Obj("CustomerRef")?.Str("name")), Money(d, "TotalAmt"), Money(d, "UnappliedAmt"),
                ui.Form(c.RealmId, "void", Hidden("entity", "Payment") + Hidden("id", d.Str("Id")), "Void", back)
                    + ui.Form(c.RealmId, "delete", Hidden("entity", "Payment") + Hidden("id", d.Str("Id")), "Delete", back),
            })),
            _ => null,
        };
        return body is null ? null : ui.Nav(c) + Message(msg) + body;
    }

    private static IEnumerable<JsonObject> Docs(Company c, string entity) =>
        c.All(entity).OrderBy(d => long.TryParse(d.Str("Id"), out var id) ? id : 0);

    private static string Names(Company c, string entity) =>
        Table(["Id", "Display name", "Active", "Balance"], Docs(c, entity).Select(d => new[]
        {
            E(d.Str("Id")), E(d.Str("FullyQualifiedName") ?? d.Str("DisplayName")), E(d.IsActive() ? "yes" : "no"), Money(d, "Balance"),
        }));

    private static string Items(UiPages ui, Company c, string back)
    {
        var accounts = Docs(c, "Account").Where(a => a.IsActive()).ToList();
        string Options(string type) => string.Concat(accounts.Select(a =>
            $"<option value=\"{E(a.Str("Id"))}\"{(a.Str("AccountType") == type ? " selected" : "")}>{E(a.Str("Name"))}</option>"));
        var table = Table(["Id", "Name", "Type", "Price", "Income account", "Active"], Docs(c, "Item").Select(d => new[]
        {
            E(d.Str("Id")), E(d.Str("FullyQualifiedName")), E(d.Str("Type")), Money(d, "UnitPrice"),
            E(d.Obj("IncomeAccountRef")?.Str("name")), E(d.IsActive() ? "yes" : "no"),
        }));
        var create = ui.Form(c.RealmId, "create-item",
            "<input name=\"name\" required placeholder=\"Name\"> <select name=\"type\"><option>Service</option><option value=\"NonInventory\">Non-inventory</option></select> " +
            $"<input name=\"price\" placeholder=\"Price\" size=\"6\"> Income <select name=\"income\">{Options("Income")}</select> " +
            $"Expense <select name=\"expense\">{Options("Cost of Goods Sold")}</select> ", "New product/service", back);
        var import = $"<h2>Import Data → Products and Services</h2><form method=\"post\" enctype=\"multipart/form-data\" action=\"{E(ui.Link($"/ui/{c.RealmId}/import-items"))}\">" +
            $"{Antiforgery(ui.Http)}<input type=\"file\" name=\"file\" accept=\".csv\" required> <button>Import CSV</button></form>" +
            "<p class=\"muted\">Columns: Product/Service Name, Type, Sales Description, Sales Price / Rate, Income Account, Expense Account, Purchase Cost, SKU. Blank accounts use the defaults.</p>";
        return table + create + import;
    }

    private static string Txns(UiPages ui, Company c, string entity, string back, string payAction, string payLabel) =>
        Table(["Id", "No.", entity == "Bill" ? "Vendor" : "Customer", "Date", "Total", "Balance", "Status", ""], Docs(c, entity).Select(d =>
        {
            var key = Hidden("entity", entity) + Hidden("id", d.Str("Id"));
            var payFields = Hidden("id", d.Str("Id")) + "<input name=\"amount\" size=\"6\" placeholder=\"full\" aria-label=\"Amount\"> "
                + (entity == "Invoice" ? "<input name=\"date\" type=\"date\" aria-label=\"Payment date\"> <input name=\"reference\" size=\"8\" placeholder=\"Reference no.\" aria-label=\"Reference no.\"> " : "");
            var actions = ui.Form(c.RealmId, payAction, payFields, payLabel, back)
                + ui.Form(c.RealmId, "edit-amount", key + "<input name=\"amount\" size=\"6\" required placeholder=\"amount\"> ", "Edit amount", back)
                + (entity == "Invoice" ? ui.Form(c.RealmId, "void", key, "Void", back) : "")
                + ui.Form(c.RealmId, "delete", key, "Delete", back);
            return new[]
            {
                E(d.Str("Id")), E(d.Str("DocNumber")), E((d.Obj("CustomerRef") ?? d.Obj("VendorRef"))?.Str("name")), E(d.Str("TxnDate")),
                Money(d, "TotalAmt"), Money(d, "Balance"), E(Status(d)), actions,
            };
        }));

    private static string CreditMemoForm(UiPages ui, Company c, string back)
    {
        var customers = string.Concat(Docs(c, "Customer").Where(d => d.IsActive()).Select(d => $"<option value=\"{E(d.Str("Id"))}\">{E(d.Str("DisplayName"))}</option>"));
        var items = string.Concat(Docs(c, "Item").Where(d => d.IsActive()).Select(d => $"<option value=\"{E(d.Str("Id"))}\">{E(d.Str("Name"))}</option>"));
        return "<h2>Credit memos</h2>" + Table(["Id", "Customer", "Total", "Remaining credit", ""], Docs(c, "CreditMemo").Select(d => new[]
            {
                E(d.Str("Id")), E(d.Obj("CustomerRef")?.Str("name")), Money(d, "TotalAmt"), Money(d, "RemainingCredit"),
                ui.Form(c.RealmId, "void", Hidden("entity", "CreditMemo") + Hidden("id", d.Str("Id")), "Void", back)
                    + ui.Form(c.RealmId, "delete", Hidden("entity", "CreditMemo") + Hidden("id", d.Str("Id")), "Delete", back),
            }))
            + ui.Form(c.RealmId, "credit-memo", $"<select name=\"customer\">{customers}</select> <select name=\"item\">{items}</select> <input name=\"amount\" required size=\"6\" placeholder=\"amount\"> ", "Make credit memo", back);
    }
}
