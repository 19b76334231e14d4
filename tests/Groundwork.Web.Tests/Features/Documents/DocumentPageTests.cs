using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>The invoice and bill page: what it says and what its buttons ask before they act.</summary>
[Trait("Category", "Database")]
public sealed class DocumentPageTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private async Task<(HttpClient Browser, HttpClient Api, long JobId, TestUser User)> ArrangeAsync(OrganizationRole role = OrganizationRole.Owner)
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(owner);
        var (jobId, _, _) = await api.CreateJobAsync();
        var user = role == OrganizationRole.Owner ? owner : await app.CreateUserAsync(role, owner.OrganizationId);
        return (await app.BrowserClientAsync(user), api, jobId, user);
    }

    [Fact]
    public async Task InvoicePage_Void_AsksForConfirmationThenVoids()
    {
        var (browser, api, jobId, _) = await ArrangeAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, 100m);
        var number = invoice.GetProperty("number").GetString();

        var page = await browser.GetPageAsync($"/invoices/{invoice.Id()}");
        Assert.Empty(page.QuerySelectorAll("button[formaction*='handler=Void']"));
        var link = page.QuerySelector($"a[href^='/invoices/{invoice.Id()}/void']");
        Assert.NotNull(link);

        var confirm = await browser.GetPageAsync(link.GetAttribute("href")!);
        Assert.Contains($"Void invoice {number}? This cannot be undone.", confirm.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Pending", (await api.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Status());

        var voided = await browser.SubmitAsync(confirm.Form(), button: "Void invoice");
        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
        Assert.Equal($"/invoices/{invoice.Id()}", voided.Headers.Location!.ToString());
        Assert.Equal("Void", (await api.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Status());
    }

    [Fact]
    public async Task InvoicePage_PostToTheOldVoidButton_DoesNotVoidAndIsNoServerError()
    {
        var (browser, api, jobId, _) = await ArrangeAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, 100m);

        var response = await browser.PostFormAsync($"/invoices/{invoice.Id()}?handler=Void", new() { ["version"] = "0" }, $"/invoices/{invoice.Id()}");

        Assert.True((int)response.StatusCode < 500, $"Answered {(int)response.StatusCode}.");
        Assert.Equal("Pending", (await api.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Status());
    }

    [Fact]
    public async Task InvoiceVoidConfirmation_PaidInvoice_SaysWhyAndOffersNoVoidButton()
    {
        var (browser, api, jobId, _) = await ArrangeAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, 100m);
        Assert.Equal(HttpStatusCode.Created, (await api.PayAsync((invoice.Id(), 100m))).StatusCode);

        var confirm = await browser.GetPageAsync($"/invoices/{invoice.Id()}/void");

        Assert.Contains("has payments", confirm.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(confirm.QuerySelectorAll("main button"));
    }

    [Fact]
    public async Task BillPage_VoidConfirmation_NamesTheBillAndCancelReturnsUnchanged()
    {
        var (browser, api, jobId, _) = await ArrangeAsync();
        var vendor = await api.CreateVendorAsync();
        var bill = await api.CreateBillAsync(jobId, vendor.Id(), 40m);

        var confirm = await browser.GetPageAsync($"/bills/{bill.Id()}/void");

        Assert.Contains($"Void bill {bill.GetProperty("number").GetString()}? This cannot be undone.", confirm.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(confirm.QuerySelector($"main a[href='/bills/{bill.Id()}']"));
        Assert.Equal("Approved", (await api.GetJsonAsync($"/api/v1/bills/{bill.Id()}")).Status());
    }

    [Fact]
    public async Task InvoiceVoidConfirmation_StaleVersion_IsRefusedAndNothingChanges()
    {
        var (browser, api, jobId, _) = await ArrangeAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, 100m, finalize: false);
        var confirm = await browser.GetPageAsync($"/invoices/{invoice.Id()}/void");
        await api.ActAsync($"/api/v1/invoices/{invoice.Id()}/finalize");

        var response = await browser.SubmitAsync(confirm.Form(), button: "Void invoice");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", (await response.ParseAsync()).Errors());
        Assert.Equal("Pending", (await api.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Status());
    }

    [Fact]
    public async Task InvoiceVoidConfirmation_Member_IsForbiddenAndNothingChanges()
    {
        var (browser, api, jobId, _) = await ArrangeAsync(OrganizationRole.Member);
        var invoice = await api.CreateInvoiceAsync(jobId, 100m);

        var page = await browser.GetPageAsync($"/invoices/{invoice.Id()}");
        var get = await browser.GetAsync($"/invoices/{invoice.Id()}/void");
        var post = await browser.PostFormAsync($"/invoices/{invoice.Id()}/void", new() { ["version"] = "0" }, $"/invoices/{invoice.Id()}");

        Assert.Null(page.QuerySelector($"a[href^='/invoices/{invoice.Id()}/void']"));
        Assert.Contains("/Account/Denied", get.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/Account/Denied", post.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Pending", (await api.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Status());
    }

    [Fact]
    public async Task InvoicePage_NegativeInvoice_SaysItStaysPendingUntilSettledAgainstACreditMemo()
    {
        var (browser, api, jobId, _) = await ArrangeAsync();
        var negative = await api.CreateInvoiceAsync(jobId, -50m);
        var positive = await api.CreateInvoiceAsync(jobId, 50m);

        var negativePage = await browser.GetPageAsync($"/invoices/{negative.Id()}");
        var positivePage = await browser.GetPageAsync($"/invoices/{positive.Id()}");

        const string note = "A negative invoice stays Pending until it is settled against a credit memo in QuickBooks";
        Assert.Equal("Pending", negative.Status());
        Assert.Contains(note, negativePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(note, positivePage.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPages_CarryNoInlineScriptOrEventHandlers()
    {
        // A strict Content-Security-Policy forbids both; what these pages script must come from a file.
        var (browser, api, jobId, _) = await ArrangeAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, 10m);

        foreach (var url in new[] { "/invoices/new", $"/invoices/{invoice.Id()}/edit", $"/invoices/{invoice.Id()}", $"/invoices/{invoice.Id()}/void" })
        {
            var page = await browser.GetPageAsync(url);
            Assert.Empty(page.QuerySelectorAll("script:not([src])"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        }
    }
}
