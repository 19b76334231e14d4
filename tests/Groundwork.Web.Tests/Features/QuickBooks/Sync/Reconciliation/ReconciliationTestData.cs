using System.Text.Json;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// Documents dated in a month of their own (the emulator's seed transactions are dated today, so they stay out of it),
/// pushed and then changed on QuickBooks' side through QBO's own API, and the report read back.
/// </summary>
internal static class ReconciliationTestData
{
    public const string Month = "2025-06";
    public const string Url = "/api/v1/quickbooks/reconciliation";
    public const string CsvUrl = "/api/v1/quickbooks/reconciliation.csv";
    public const string PagePath = "/Settings/Integrations/QuickBooks/Reconciliation";
    public static readonly DateOnly Day = new(2025, 6, 10);

    /// <summary>A finalized one-line invoice dated <see cref="Day"/> (or <paramref name="date"/>); not waited for.</summary>
    public static async Task<long> InvoiceOnAsync(this HttpClient api, long jobId, decimal amount, DateOnly? date = null)
    {
        var invoice = await api.CreateAsync("/api/v1/invoices", new
        {
            jobId, issueDate = date ?? Day, lines = new[] { new { name = "Framing", quantity = 1, unitAmount = amount, taxable = false } },
        });
        await api.ActAsync($"/api/v1/invoices/{invoice.Id()}/finalize");
        return invoice.Id();
    }

    public static async Task<long> BillOnAsync(this HttpClient api, long jobId, long vendorId, decimal amount, DateOnly? date = null)
    {
        var bill = await api.CreateAsync("/api/v1/bills", new
        {
            jobId, vendorId, issueDate = date ?? Day, lines = new[] { new { name = "Lumber", quantity = 1, unitAmount = amount, taxable = false } },
        });
        await api.ActAsync($"/api/v1/bills/{bill.Id()}/approve");
        return bill.Id();
    }

    /// <summary>An invoice dated in the month, pushed: its Groundwork id and QBO id.</summary>
    public static async Task<(long Id, string QboId)> PushedInvoiceAsync(this PushOwner owner, long jobId, decimal amount)
    {
        var id = await owner.Api.InvoiceOnAsync(jobId, amount);
        return (id, (await owner.Api.SyncedAsync("invoices", id)).GetProperty("qboId").GetString()!);
    }

    /// <summary>An invoice made in QuickBooks (not by Groundwork) for <paramref name="customerId"/>, dated in the month.</summary>
    public static Task<QboInvoice> QboOnlyInvoiceAsync(this PushOwner owner, string customerId, decimal amount, string? docNumber = null) =>
        owner.Qbo.CreateAsync(new QboInvoice
        {
            CustomerRef = new QboRef(customerId), TxnDate = Day.AddDays(5), DocNumber = docNumber,
            Line = [new QboLine { Amount = amount, DetailType = "SalesItemLineDetail", SalesItemLineDetail = new QboSalesItemLineDetail { ItemRef = new QboRef(owner.DefaultItemId), Qty = 1, UnitPrice = amount } }],
        });

    public static async Task<JsonElement> ReportAsync(this HttpClient api, string month = Month, long? jobId = null) =>
        await api.GetJsonAsync($"{Url}?month={month}{(jobId is null ? "" : $"&jobId={jobId}")}");

    public static List<JsonElement> Differences(this JsonElement report) => report.GetProperty("differences").EnumerateArray().ToList();

    public static JsonElement Summary(this JsonElement report, string kind) =>
        report.GetProperty("summary").EnumerateArray().Single(s => s.GetProperty("kind").GetString() == kind);

    public static (int Count, long Total) Side(this JsonElement summary, string side)
    {
        var s = summary.GetProperty(side);
        return (s.GetProperty("count").GetInt32(), s.GetProperty("totalCents").GetInt64());
    }

    public static string Cause(this JsonElement difference) => difference.GetProperty("cause").GetString()!;
}
