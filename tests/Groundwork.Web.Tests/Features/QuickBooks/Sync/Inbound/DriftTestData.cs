using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>Edits a bookkeeper makes in QuickBooks to a pushed document, and what Groundwork's side shows of them.</summary>
internal static class DriftTestData
{
    public const string Take = "/api/v1/quickbooks/documents/{0}/drift/take-quickbooks";
    public const string Push = "/api/v1/quickbooks/documents/{0}/drift/push-groundwork";

    public static string Url(string template, long id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, id);

    /// <summary>QBO's invoice with its item lines changed by <paramref name="edit"/> (a full update, as QBO's UI saves).</summary>
    public static async Task<QboInvoice> EditInvoiceAsync(this QuickBooksSide qbo, string id, Func<List<QboLine>, List<QboLine>> edit, QboRef? customer = null)
    {
        var current = await qbo.ReadAsync<QboInvoice>(id);
        var lines = current.Line!.Where(l => l.DetailType == "SalesItemLineDetail").ToList();
        return await qbo.UpdateAsync(current with { Line = edit(lines), CustomerRef = customer ?? current.CustomerRef, Sparse = false });
    }

    /// <summary>A sales line as QBO's UI makes one (no Groundwork description).</summary>
    public static QboLine SalesLine(string itemId, decimal qty, decimal price, string? description = null, string? classId = null) => new()
    {
        DetailType = "SalesItemLineDetail", Amount = qty * price, Description = description,
        SalesItemLineDetail = new QboSalesItemLineDetail
        {
            ItemRef = new QboRef(itemId), Qty = qty, UnitPrice = price, TaxCodeRef = new QboRef("NON"), ClassRef = classId is null ? null : new QboRef(classId),
        },
    };

    public static QboLine With(this QboLine line, decimal qty, decimal price) =>
        line with { Amount = qty * price, SalesItemLineDetail = line.SalesItemLineDetail! with { Qty = qty, UnitPrice = price } };

    public static QboLine WithItem(this QboLine line, string itemId) =>
        line with { SalesItemLineDetail = line.SalesItemLineDetail! with { ItemRef = new QboRef(itemId) } };

    /// <summary>The QBO id of the customer of that display name.</summary>
    public static async Task<QboRef> CustomerAsync(this QuickBooksSide qbo, string displayName)
    {
        var found = await qbo.Client.QueryAsync<QboCustomer>(qbo.Company, QboQuery.From("Customer").WhereEquals("DisplayName", displayName), default);
        return new QboRef(found.Items.Single().Id!, displayName);
    }

    /// <summary>The document's sync object once QuickBooks' edit is flagged as drift (polls).</summary>
    public static async Task<JsonElement> DriftAsync(this HttpClient api, string kind, long id, string? containing = null)
    {
        JsonElement sync = default;
        for (var i = 0; i < 300; i++)
        {
            sync = (await api.GetJsonAsync($"/api/v1/{kind}/{id}")).GetProperty("sync");
            if (sync.GetProperty("problem").ValueKind == JsonValueKind.String && sync.GetProperty("problem").GetString() == "drift"
                && (containing is null || sync.GetProperty("message").GetString()!.Contains(containing, StringComparison.Ordinal))) return sync;
            await Task.Delay(100);
        }
        Assert.Fail($"{kind} {id} was never flagged as drift{(containing is null ? "" : $" with “{containing}”")}: {sync}");
        return sync;
    }

    /// <summary>Update requests sent to QuickBooks for the document (the audit trail's "update" lines).</summary>
    public static Task<int> UpdatesAsync(this QboAppFactory app, PushOwner owner, long documentId) =>
        app.WithDbAsync(owner.User, db => db.QboSyncLog.CountAsync(e => e.LocalId == documentId && e.Operation == "update" && e.Result == SyncResult.Succeeded));

    /// <summary>The invoice's lines as the API shows them: (name, quantity, unit cents, cost code id).</summary>
    public static List<(string Name, decimal Qty, long UnitCents, long? CostCodeId)> Lines(this JsonElement document) =>
        [.. document.GetProperty("lines").EnumerateArray().Select(l => (l.GetProperty("name").GetString()!, l.GetProperty("quantity").GetDecimal(),
            l.GetProperty("unitAmountCents").GetInt64(), l.GetProperty("costCodeId").ValueKind == JsonValueKind.Number ? l.GetProperty("costCodeId").GetInt64() : (long?)null))];
}
