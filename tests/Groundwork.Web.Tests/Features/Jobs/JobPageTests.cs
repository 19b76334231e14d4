using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Jobs;

/// <summary>A job's own page, and the lists that lead to it.</summary>
[Trait("Category", "Database")]
public sealed class JobPageTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task JobPage_ShowsCustomerLocationStatusAndItsDocumentsWithTotalsAndBalances()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, customerId) = await api.CreateJobAsync("Page ");
        var customer = await api.GetJsonAsync($"/api/v1/customers/{customerId}");
        var invoice = await api.CreateInvoiceAsync(jobId, 100m);
        Assert.Equal(HttpStatusCode.Created, (await api.PayAsync((invoice.Id(), 40m))).StatusCode);
        var draft = await api.CreateInvoiceAsync(jobId, 7m, finalize: false);
        var bill = await api.CreateBillAsync(jobId, (await api.CreateVendorAsync()).Id(), 30m);
        var (otherJob, _, _) = await api.CreateJobAsync("Other ");
        var elsewhere = await api.CreateInvoiceAsync(otherJob, 999m);

        var page = await (await app.BrowserClientAsync(user)).GetPageAsync($"/Jobs/Details/{jobId}");

        var facts = page.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains(customer.GetProperty("name").GetString()!, facts, StringComparison.Ordinal);
        Assert.Contains("Site", facts, StringComparison.Ordinal);
        Assert.Contains("Open", facts, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/Jobs/Edit/{jobId}']"));
        Assert.NotNull(page.QuerySelector($"a[href='/Customers/Details/{customerId}']"));
        var invoiceRow = page.QuerySelector($"#job-invoices a[href='/invoices/{invoice.Id()}']")!.Closest("tr")!.TextContent;
        Assert.Contains("$100.00", invoiceRow, StringComparison.Ordinal);
        Assert.Contains("$60.00", invoiceRow, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#job-invoices a[href='/invoices/{draft.Id()}']"));
        Assert.Null(page.QuerySelector($"a[href='/invoices/{elsewhere.Id()}']"));
        Assert.Contains("$30.00", page.QuerySelector($"#job-bills a[href='/bills/{bill.Id()}']")!.Closest("tr")!.TextContent, StringComparison.Ordinal);
        // Totals count what was billed: drafts and void documents are not owed.
        Assert.Equal("$100.00", page.QuerySelector("#job-invoices-total")!.TextContent.Trim());
        Assert.Equal("$60.00", page.QuerySelector("#job-invoices-balance")!.TextContent.Trim());
        Assert.Equal("$30.00", page.QuerySelector("#job-bills-balance")!.TextContent.Trim());
    }

    [Fact]
    public async Task JobLinks_FromListsAndDocuments_OpenTheJobPageNotItsEditForm()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, customerId) = await api.CreateJobAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, 10m);
        var browser = await app.BrowserClientAsync(user);

        foreach (var url in new[] { "/Jobs", $"/Customers/Details/{customerId}", "/invoices", $"/invoices/{invoice.Id()}" })
        {
            var page = await browser.GetPageAsync(url);
            Assert.True(page.QuerySelector($"main a[href='/Jobs/Details/{jobId}']") is not null, $"{url} does not link to the job page.");
        }
    }

    [Fact]
    public async Task JobForm_Save_OpensTheJobPage()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var (jobId, _, _) = await (await app.ApiClientAsync(user)).CreateJobAsync();
        var browser = await app.BrowserClientAsync(user);
        var form = (await browser.GetPageAsync($"/Jobs/Edit/{jobId}")).Form();

        var response = await browser.SubmitAsync(form, new() { ["Input.Name"] = "Renamed build" }, "Save job");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Jobs/Details/{jobId}", response.Headers.Location!.ToString());
        Assert.Contains("Renamed build", (await browser.GetPageAsync($"/Jobs/Details/{jobId}")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JobPage_OtherOrganizationsJob_IsNotFound()
    {
        var owner = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));
        var (jobId, _, _) = await owner.CreateJobAsync();
        var intruder = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/Jobs/Details/{jobId}")).StatusCode);
    }
}
