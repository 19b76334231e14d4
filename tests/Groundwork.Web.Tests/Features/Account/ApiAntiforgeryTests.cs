using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Account;

/// <summary>
/// A cross-site page can make a signed-in browser post to the API (a body-less "simple" request carries the cookie);
/// API writes authenticated by the cookie need the antiforgery header, bearer clients do not.
/// </summary>
[Trait("Category", "Database")]
public sealed class ApiAntiforgeryTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    public static TheoryData<string> StatusChanges => new() { "invoices/{0}/finalize", "invoices/{0}/void" };

    [Theory]
    [MemberData(nameof(StatusChanges))]
    public async Task CookiePost_WithoutAntiforgeryHeader_IsRefusedAndChangesNothing(string action)
    {
        var (owner, api, invoiceId) = await DraftInvoiceAsync();
        var browser = await app.BrowserClientAsync(owner);

        var response = await browser.PostAsync("/api/v1/" + string.Format(System.Globalization.CultureInfo.InvariantCulture, action, invoiceId), content: null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var invoice = await (await api.GetAsync($"/api/v1/invoices/{invoiceId}")).ReadJsonAsync();
        Assert.Equal("Draft", invoice.GetProperty("status").GetString());
    }

    [Fact]
    public async Task CookieWrite_OtherApiWrites_AlsoNeedTheHeader()
    {
        var (owner, api, _) = await DraftInvoiceAsync();
        var browser = await app.BrowserClientAsync(owner);
        var before = await api.CountAsync("/api/v1/customers");

        var response = await browser.PostJsonAsync("/api/v1/customers", new { name = "Forged customer" });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await api.CountAsync("/api/v1/customers"));
    }

    [Fact]
    public async Task CookiePost_WithTheAntiforgeryHeader_IsAccepted()
    {
        var (owner, _, invoiceId) = await DraftInvoiceAsync();
        var browser = await app.BrowserClientAsync(owner);
        var token = await (await browser.GetAsync("/api/v1/auth/antiforgery")).ReadJsonAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/invoices/{invoiceId}/finalize");
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("requestToken").GetString());
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Pending", (await response.ReadJsonAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BearerPost_WithoutAntiforgeryHeader_IsAccepted()
    {
        var (_, api, invoiceId) = await DraftInvoiceAsync();

        var response = await api.PostAsync($"/api/v1/invoices/{invoiceId}/finalize", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task CookieGet_WithoutAntiforgeryHeader_IsAccepted()
    {
        var (owner, _, invoiceId) = await DraftInvoiceAsync();
        var browser = await app.BrowserClientAsync(owner);

        var response = await browser.GetAsync($"/api/v1/invoices/{invoiceId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(TestUser Owner, HttpClient Api, long InvoiceId)> DraftInvoiceAsync()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(owner);
        var (jobId, _, _) = await api.CreateJobAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, 100m, finalize: false);
        return (owner, api, invoice.Id());
    }
}
