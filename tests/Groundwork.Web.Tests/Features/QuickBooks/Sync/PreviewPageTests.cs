using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Infrastructure;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>The dry run page: per document, the names, lines and totals a push would send, and what it would refuse.</summary>
[Trait("Category", "Database")]
public sealed class PreviewPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task Preview_SelectedDocuments_ShowsNamesLinesAndTotals_AndTheProblemWithItsFix()
    {
        long ready = 0, held = 0;
        string customer = "", location = "";
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var job = await api.JobAsync();
            (customer, location) = (job.Customer, job.Location);
            ready = (await api.InvoiceAsync(job.JobId, ("Framing", 2, 150.25m, false, null, null), ("Trim", 1.5m, 40m, false, null, null))).Id();
            var colon = await api.JobAsync(customer: "Acme: West");
            held = (await api.InvoiceAsync(colon.JobId, ("Paving", 1, 900m, false, null, null))).Id();
        });
        var unsynced = await owner.Browser.GetPageAsync(UnsyncedPage);

        var redirect = await owner.Browser.SubmitSelectedAsync(unsynced, "Preview selected", ready, held);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal($"{PreviewPage}?documentIds={ready},{held}", redirect.Headers.Location?.OriginalString);
        var page = await owner.Browser.GetPageAsync(redirect.Headers.Location!.OriginalString);

        Assert.Equal(("2", "1", "1"), (page.QuerySelector("#preview-total")?.TextContent, page.QuerySelector("#preview-ready")?.TextContent,
            page.QuerySelector("#preview-refused-count")?.TextContent));
        Assert.Null(page.QuerySelector("#preview-truncated"));
        Assert.Equal("Ready", page.QuerySelector($"#plan-verdict-{ready}")?.TextContent);
        var names = page.QuerySelectorAll($"#names-{ready} tbody tr").Select(r => (r.Children[0].TextContent, r.GetAttribute("data-action"))).ToList();
        Assert.Equal([(customer, "create"), (location, "create")], names);
        var lines = page.QuerySelectorAll($"#lines-{ready} tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(["Framing", "Services (default item)", "", "2", "150.25", "300.50", "NON"], lines[0]);
        Assert.Equal("360.50", page.QuerySelector($"#plan-total-{ready}")?.TextContent);
        Assert.Null(page.QuerySelector($"#problems-{ready}"));

        Assert.Equal("Held back", page.QuerySelector($"#plan-verdict-{held}")?.TextContent);
        var problem = page.QuerySelector($"#problems-{held} li[data-code='colon']");
        Assert.Contains("colon", problem?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Acme - West", problem?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Settings/Integrations/QuickBooks/Names?kind=customer&q=Acme%3A%20West", problem?.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("notSynced", (await owner.Api.GetJsonAsync($"/api/v1/invoices/{held}")).GetProperty("sync").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Preview_TaxedInvoice_ShowsTheQuickBooksTaxCodeByName_NotItsIdAlone()
    {
        long invoice = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var job = await api.JobAsync(taxRate: 8.25m);
            invoice = (await api.InvoiceAsync(job.JobId, ("Fixtures", 3, 19.99m, true, null, null))).Id();
        });
        var code = (await owner.Qbo.Client.QueryAsync<QboTaxCode>(owner.Qbo.Company, QboQuery.From("TaxCode"), default)).Items
            .Single(c => c.Active != false && c.SalesTaxRateList?.TaxRateDetail is { Count: > 0 });

        var page = await owner.Browser.GetPageAsync($"{PreviewPage}?documentIds={invoice}");

        Assert.False(string.IsNullOrWhiteSpace(code.Name));
        Assert.Equal($"{code.Name} (QuickBooks id {code.Id})", page.QuerySelector($"#plan-taxcode-{invoice}")?.TextContent);
        Assert.Equal(code.Name, (await owner.Api.GetJsonAsync($"/api/v1/quickbooks/preview?documentIds={invoice}")).GetProperty("taxCodeName").GetString());
    }

    [Fact]
    public async Task Preview_All_CoversEveryUnsyncedDocument_AndNothingChosenIsSaid()
    {
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            var vendor = await api.CreateVendorAsync();
            await api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));
            await api.CreateBillAsync(jobId, vendor.Id(), 75m);
        });

        var unsynced = await owner.Browser.GetPageAsync(UnsyncedPage);
        var page = await owner.Browser.GetPageAsync(unsynced.QuerySelector("#preview-all")!.GetAttribute("href")!);
        Assert.Equal(("2", "2"), (page.QuerySelector("#preview-total")?.TextContent, page.QuerySelector("#preview-ready")?.TextContent));
        Assert.Contains(page.QuerySelectorAll(".plan h3"), h => h.TextContent.Contains("as a QuickBooks Bill", StringComparison.Ordinal));

        var empty = await owner.Browser.GetPageAsync(PreviewPage);
        Assert.Contains("Nothing was chosen", empty.QuerySelector("#preview-refused")?.TextContent, StringComparison.Ordinal);
        var none = await owner.Browser.SubmitAsync(unsynced.Form("#push-form"), button: "Preview selected");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("Select the documents to preview", (await none.ParseAsync()).Errors(), StringComparison.Ordinal);
    }
}
