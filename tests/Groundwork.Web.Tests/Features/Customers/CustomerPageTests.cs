using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Customers;

[Trait("Category", "Database")]
public sealed class CustomerPageTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task CustomerPage_ShowsItsInvoicesAndTheOpenBalance()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, customerId) = await api.CreateJobAsync();
        var pending = await api.CreateInvoiceAsync(jobId, 100m);
        var partly = await api.CreateInvoiceAsync(jobId, 50m);
        Assert.Equal(HttpStatusCode.Created, (await api.PayAsync((partly.Id(), 20m))).StatusCode);
        var draft = await api.CreateInvoiceAsync(jobId, 70m, finalize: false);
        var voided = await api.ActAsync($"/api/v1/invoices/{(await api.CreateInvoiceAsync(jobId, 500m)).Id()}/void");
        var (otherJob, _, _) = await api.CreateJobAsync();
        var otherCustomers = await api.CreateInvoiceAsync(otherJob, 999m);

        var page = await (await app.BrowserClientAsync(user)).GetPageAsync($"/Customers/Details/{customerId}");

        var rows = page.QuerySelectorAll("#customer-invoices tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        var partlyRow = Assert.Single(rows, r => r.Contains(partly.GetProperty("number").GetString()!, StringComparison.Ordinal));
        Assert.Contains("PartiallyPaid", partlyRow, StringComparison.Ordinal);
        Assert.Contains("$50.00", partlyRow, StringComparison.Ordinal);
        Assert.Contains("$30.00", partlyRow, StringComparison.Ordinal);
        Assert.Contains("Build", partlyRow, StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Contains(draft.GetProperty("number").GetString()!, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(voided.GetProperty("number").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains(otherCustomers.GetProperty("number").GetString()!, StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector($"#customer-invoices a[href='/invoices/{pending.Id()}']"));
        // Open balance: what finalized invoices still owe (100 + 30); a draft is not owed and a void invoice never will be.
        Assert.Equal("$130.00", page.QuerySelector("#customer-open-balance")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("/Customers")]
    [InlineData("/Vendors")]
    [InlineData("/Jobs")]
    [InlineData("/invoices")]
    public async Task ListPages_FollowThePagersPageLink(string list)
    {
        // ?page=N on a Razor page meets the route value "page" (the page's own path): the list must still turn the page.
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        for (var i = 0; i < 26; i++)
        {
            var (jobId, _, _) = await api.CreateJobAsync($"P{i:00} ");
            if (list == "/Vendors") await api.CreateAsync("/api/v1/vendors", new { name = $"Vendor {i:00} {Guid.NewGuid():N}" });
            if (list == "/invoices") await api.CreateInvoiceAsync(jobId, 10m);
        }
        var browser = await app.BrowserClientAsync(user);

        var first = await browser.GetPageAsync(list);
        var next = first.QuerySelector("nav.pager a")!.GetAttribute("href")!;
        var second = await browser.GetPageAsync(next);

        Assert.Contains("Page 1 of 2", first.QuerySelector("nav.pager")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Page 2 of 2", second.QuerySelector("nav.pager")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, second.QuerySelectorAll("tbody tr").Length);
    }

    [Fact]
    public async Task CustomerPage_NoInvoices_ShowsAZeroBalance()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var (_, _, customerId) = await (await app.ApiClientAsync(user)).CreateJobAsync();

        var page = await (await app.BrowserClientAsync(user)).GetPageAsync($"/Customers/Details/{customerId}");

        Assert.Equal("$0.00", page.QuerySelector("#customer-open-balance")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("#customer-invoices tbody tr"));
    }
}
