using System.Net;
using AngleSharp.Dom;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Log;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Reconciliation;

/// <summary>The report as a CSV a spreadsheet opens safely, and the Reconciliation page under Settings → Integrations → QuickBooks.</summary>
[Trait("Category", "Database")]
public sealed class ReconciliationCsvAndPageTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    private static readonly string[] Header =
    [
        "section", "kind", "cause", "localId", "reference", "date", "qboType", "qboId", "name", "groundworkCount", "quickBooksCount",
        "groundworkAmount", "quickBooksAmount", "groundworkOpen", "quickBooksOpen", "message",
    ];

    [Fact]
    public async Task ReconciliationCsv_IsAnAttachmentWithSummaryTotalsAndDifferencesAndEscapedFormulas()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var (id, qboId) = await owner.PushedInvoiceAsync(jobId, 100m);
        var customer = (await owner.Qbo.ReadAsync<QboInvoice>(qboId)).CustomerRef!.Value;
        var theirs = await owner.QboOnlyInvoiceAsync(customer, 12.5m, docNumber: "=SUM(A1:A9)");

        var response = await owner.Api.GetAsync($"{ReconciliationTestData.CsvUrl}?month=2025-06&jobId={jobId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"quickbooks-reconciliation-2025-06-job-{jobId}.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        var rows = LogTestData.ReadCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(Header, rows[0]);
        var invoices = rows.Single(r => r[0] == "summary" && r[1] == "invoices");
        Assert.Equal(("1", "2", "100.00", "112.50", "100.00", "112.50", "Differs"), (invoices[9], invoices[10], invoices[11], invoices[12], invoices[13], invoices[14], invoices[15]));
        var item = rows.Single(r => r[0] == "item");
        Assert.Equal((owner.DefaultItemId, "Services", "100.00", "112.50"), (item[7], item[8], item[11], item[12]));
        var difference = rows.Single(r => r[0] == "difference");
        Assert.Equal(("invoice", "onlyInQuickBooks", "", "'=SUM(A1:A9)", "2025-06-15", "Invoice", theirs.Id, "", "12.50"),
            (difference[1], difference[2], difference[3], difference[4], difference[5], difference[6], difference[7], difference[11], difference[12]));
        Assert.DoesNotContain(rows, r => r[3] == id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The JSON report says the same.
        var json = await owner.Api.ReportAsync(jobId: jobId);
        Assert.Equal("=SUM(A1:A9)", Assert.Single(json.Differences()).GetProperty("reference").GetString());
    }

    [Fact]
    public async Task ReconciliationPage_ForAnAccountant_ShowsTheSummaryTheDifferencesWithLinksAndTheCsvLink()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var (id, qboId) = await owner.PushedInvoiceAsync(jobId, 100m);
        var missing = await owner.Api.InvoiceOnAsync((await owner.Api.JobAsync(customer: $"Acme: {Guid.NewGuid():N}"[..16])).JobId, 30m);
        await owner.Api.SyncedAsync("invoices", missing, "needsAttention");
        var current = await owner.Qbo.ReadAsync<QboInvoice>(qboId);
        var line = current.Line!.First(l => l.DetailType == "SalesItemLineDetail");
        await owner.Qbo.UpdateAsync(new QboInvoice
        {
            Id = qboId, SyncToken = current.SyncToken, Sparse = true,
            Line = [line with { Amount = 90m, SalesItemLineDetail = line.SalesItemLineDetail! with { Qty = 1, UnitPrice = 90m } }],
        });
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.User.OrganizationId));

        var page = await accountant.GetPageAsync(ReconciliationTestData.PagePath + "?month=2025-06");

        Assert.Equal("page", page.QuerySelector("#qbo-nav-reconciliation")?.GetAttribute("aria-current"));
        Assert.Contains("2 differences", page.QuerySelector("#reconciliation-verdict")!.TextContent);
        Assert.Equal("2025-06", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#reconciliation-month")!.Value);
        var summary = page.QuerySelector("#reconciliation-summary tr[data-kind='invoices']")!;
        Assert.Contains("flagged", summary.ClassName);
        Assert.Contains("$130.00", summary.TextContent);
        var edited = page.QuerySelector("#reconciliation-differences tr[data-cause='editedInQuickBooks']")!;
        Assert.Equal($"/invoices/{id}", edited.QuerySelector("a.groundwork-link")?.GetAttribute("href"));
        Assert.EndsWith($"/qbo/ui/{owner.Realm}/invoices/{qboId}", edited.QuerySelector("a.qbo-link")?.GetAttribute("href"));
        Assert.Contains("Edited in QuickBooks", edited.TextContent);
        var notSynced = page.QuerySelector("#reconciliation-differences tr[data-cause='notSynced']")!;
        Assert.Equal($"/invoices/{missing}", notSynced.QuerySelector("a.groundwork-link")?.GetAttribute("href"));
        Assert.Null(notSynced.QuerySelector("a.qbo-link"));
        Assert.Equal(ReconciliationTestData.CsvUrl + "?month=2025-06", page.QuerySelector("#reconciliation-csv")?.GetAttribute("href"));
        var csv = LogTestData.ReadCsv(await accountant.GetStringAsync(page.QuerySelector("#reconciliation-csv")!.GetAttribute("href")));
        Assert.Equal(2, csv.Count(r => r[0] == "difference"));

        var filtered = await accountant.GetPageAsync($"{ReconciliationTestData.PagePath}?month=2025-06&jobId={jobId}");
        Assert.Equal(jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            filtered.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#reconciliation-job")!.Value);
        Assert.Single(filtered.QuerySelectorAll("#reconciliation-differences tr[data-cause]"));
        var bad = await accountant.GetPageAsync(ReconciliationTestData.PagePath + "?month=2025-13");
        Assert.Contains("YYYY-MM", bad.Errors());
        Assert.Null(bad.QuerySelector("#reconciliation-summary"));
    }

    [Fact]
    public async Task ReconciliationPage_ForAMember_IsForbiddenAndWithoutMonthShowsThisMonth()
    {
        var owner = await app.PushOwnerAsync();
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.User.OrganizationId));

        var refused = await member.GetAsync(ReconciliationTestData.PagePath);
        var page = await owner.Browser.GetPageAsync(ReconciliationTestData.PagePath);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/denied", refused.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var month = page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#reconciliation-month")!.Value;
        Assert.Matches(@"^\d{4}-\d{2}$", month);
        // This month holds the emulator's own seed transactions, which Groundwork never made.
        Assert.NotEmpty(page.QuerySelectorAll("#reconciliation-differences tr[data-cause='onlyInQuickBooks']"));
        Assert.Equal(ReconciliationTestData.CsvUrl + "?month=" + month, page.QuerySelector("#reconciliation-csv")?.GetAttribute("href"));
    }
}
