using System.Text.Json;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Shortcuts for the documents most tests need: one line, optionally finalized or approved.</summary>
public static class Documents
{
    public static Task<JsonElement> CreateVendorAsync(this HttpClient client, string prefix = "") =>
        client.CreateAsync("/api/v1/vendors", new { name = $"{prefix}Vendor {Guid.NewGuid():N}" });

    /// <summary>A one-line, untaxed invoice for <paramref name="amount"/>; finalized (Pending) unless asked for a draft.</summary>
    public static async Task<JsonElement> CreateInvoiceAsync(this HttpClient client, long jobId, decimal amount, bool finalize = true, string? number = null)
    {
        var invoice = await client.CreateAsync("/api/v1/invoices", new
        {
            jobId,
            number,
            lines = new[] { new { name = "Work", quantity = 1, unitAmount = amount, taxable = false } },
        });
        return finalize ? await client.ActAsync($"/api/v1/invoices/{invoice.Id()}/finalize") : invoice;
    }

    /// <summary>A one-line bill for <paramref name="amount"/>; approved unless asked for a draft.</summary>
    public static async Task<JsonElement> CreateBillAsync(this HttpClient client, long jobId, long vendorId, decimal amount, bool approve = true, string? number = null)
    {
        var bill = await client.CreateAsync("/api/v1/bills", new
        {
            jobId,
            vendorId,
            number,
            lines = new[] { new { name = "Material", quantity = 1, unitAmount = amount, taxable = false } },
        });
        return approve ? await client.ActAsync($"/api/v1/bills/{bill.Id()}/approve") : bill;
    }

    /// <summary>Posts a status change (finalize, approve, reject, void) and returns the document, failing the test when it was refused.</summary>
    public static async Task<JsonElement> ActAsync(this HttpClient client, string url)
    {
        var response = await client.PostJsonAsync(url, new { });
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} → {(int)response.StatusCode}: {json}");
        return json;
    }

    public static Task<HttpResponseMessage> PayAsync(this HttpClient client, params (long DocumentId, decimal Amount)[] applications) =>
        client.PostJsonAsync("/api/v1/payments", new
        {
            method = "Check",
            applications = applications.Select(a => new { documentId = a.DocumentId, amount = a.Amount }).ToArray(),
        });

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} → {(int)response.StatusCode}: {json}");
        return json;
    }

    public static string Status(this JsonElement document) => document.GetProperty("status").GetString()!;

    public static long Cents(this JsonElement json, string property) => json.GetProperty(property).GetInt64();
}
