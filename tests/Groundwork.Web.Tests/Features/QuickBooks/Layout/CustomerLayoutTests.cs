using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Layout;

/// <summary>A bearer-token API client on the real port, for JSON writes (a cookie write needs an antiforgery header).</summary>
public static class QboApiClients
{
    public static async Task<HttpClient> BearerClientAsync(this QboAppFactory app, TestUser user)
    {
        var client = app.CreateBrowserClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A page refusal: the sign-in cookie's access-denied redirect.</summary>
    public static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Denied", response.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Stands for a document that synced: an Invoice link of the organization's connection.</summary>
    public static async Task AddInvoiceLinkAsync(this QboAppFactory app, TestUser user, long invoiceId = 1, string qboId = "9001")
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(user.OrganizationId);
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var link = new QboLink { ConnectionId = (await db.QboConnections.SingleAsync()).Id, Kind = LinkedKind.Invoice, LocalId = invoiceId };
        link.PointAt("Invoice", qboId, "1001");
        db.Add(link);
        await db.SaveChangesAsync();
    }
}

/// <summary>The customer layout: locations as sub-customers by default, jobs as the alternative, locked once a document synced.</summary>
[Trait("Category", "Database")]
public sealed class CustomerLayoutTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string Url = "/api/v1/quickbooks/settings/layout";
    private const string PageUrl = "/Settings/Integrations/QuickBooks/Layout";

    [Fact]
    public async Task Layout_DefaultsToLocationsAsSubCustomers_AndAnOwnerCanChooseJobs()
    {
        var (owner, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var api = await app.BearerClientAsync(owner);

        var first = await (await api.GetAsync(Url)).ReadJsonAsync();
        Assert.Equal("LocationAsSubCustomer", first.GetProperty("layout").GetString());
        Assert.False(first.GetProperty("locked").GetBoolean());
        Assert.Equal(["LocationAsSubCustomer", "JobAsSubCustomer"], first.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));

        var changed = await api.PutJsonAsync(Url, new { layout = "JobAsSubCustomer" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("JobAsSubCustomer", (await changed.ReadJsonAsync()).GetProperty("layout").GetString());
        Assert.Equal(QboCustomerLayout.JobAsSubCustomer, (await app.ConnectionAsync(owner))!.CustomerLayout);
        Assert.Equal("JobAsSubCustomer", (await (await api.GetAsync(Url)).ReadJsonAsync()).GetProperty("layout").GetString());
    }

    [Fact]
    public async Task Layout_IsLockedOnceADocumentHasSynced()
    {
        var (owner, browser) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var api = await app.BearerClientAsync(owner);
        await app.AddInvoiceLinkAsync(owner);

        var view = await (await api.GetAsync(Url)).ReadJsonAsync();
        Assert.True(view.GetProperty("locked").GetBoolean());
        var refused = await api.PutJsonAsync(Url, new { layout = "JobAsSubCustomer" });
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("locked", problem.GetProperty("detail").GetString());
        Assert.Equal(QboCustomerLayout.LocationAsSubCustomer, (await app.ConnectionAsync(owner))!.CustomerLayout);
        // Choosing the layout it already has is no change, and is fine.
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync(Url, new { layout = "LocationAsSubCustomer" })).StatusCode);

        var page = await browser.GetPageAsync(PageUrl);
        Assert.Contains("locked", page.QuerySelector("#layout-locked")!.TextContent);
        Assert.True(page.QuerySelector("fieldset")!.HasAttribute("disabled"));
        Assert.NotNull(page.QuerySelector("#save-layout"));
        var posted = await browser.PostFormAsync(PageUrl, new() { ["Input.Layout"] = "JobAsSubCustomer" });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("locked", (await posted.ParseAsync()).Errors());
        Assert.Equal(QboCustomerLayout.LocationAsSubCustomer, (await app.ConnectionAsync(owner))!.CustomerLayout);
    }

    [Theory]
    [InlineData("Sideways")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public async Task Layout_BadValue_Answers400WithAProblem(string? value)
    {
        var (owner, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var api = await app.BearerClientAsync(owner);

        await (await api.PutJsonAsync(Url, new { layout = value })).AssertInvalidAsync("layout");
        Assert.Equal(QboCustomerLayout.LocationAsSubCustomer, (await app.ConnectionAsync(owner))!.CustomerLayout);
    }

    [Fact]
    public async Task Layout_UnreadableBody_Answers400Problem()
    {
        var (owner, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var api = await app.BearerClientAsync(owner);
        var response = await api.PutAsync(Url, new StringContent("{\"layout\": [1,2]}", System.Text.Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Layout_WithoutAConnection_Answers404Problem()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.BearerClientAsync(owner);
        await (await api.GetAsync(Url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.PutJsonAsync(Url, new { layout = "JobAsSubCustomer" })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Layout_OwnersChangeItOnThePage_AccountantsOnlyRead_MembersAreRefused()
    {
        var (owner, browser) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var accountantUser = await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId);
        var memberUser = await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId);
        var accountant = await app.BearerClientAsync(accountantUser);
        var member = await app.BearerClientAsync(memberUser);

        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PutJsonAsync(Url, new { layout = "JobAsSubCustomer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(Url)).StatusCode);

        var accountantPage = await (await app.BrowserClientAsync(accountantUser)).GetPageAsync(PageUrl);
        Assert.True(accountantPage.QuerySelector("fieldset")!.HasAttribute("disabled"));
        Assert.NotNull(accountantPage.QuerySelector("#layout-read-only"));
        QboApiClients.AssertDenied(await (await app.BrowserClientAsync(accountantUser)).PostFormAsync(PageUrl, new() { ["Input.Layout"] = "JobAsSubCustomer" }));
        QboApiClients.AssertDenied(await (await app.BrowserClientAsync(memberUser)).GetAsync(PageUrl));
        Assert.Equal(QboCustomerLayout.LocationAsSubCustomer, (await app.ConnectionAsync(owner))!.CustomerLayout);

        var page = await browser.GetPageAsync(PageUrl);
        Assert.Equal("checked", page.QuerySelector("#layout-LocationAsSubCustomer")!.GetAttribute("checked"));
        Assert.NotNull(page.QuerySelector("#layout-JobAsSubCustomer"));
        Assert.False(page.QuerySelector("fieldset")!.HasAttribute("disabled"));
        Assert.NotNull(page.QuerySelector("#qbo-nav-layout[aria-current=page]"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync(PageUrl, new() { ["Input.Layout"] = "JobAsSubCustomer" })).StatusCode);
        Assert.Equal(QboCustomerLayout.JobAsSubCustomer, (await app.ConnectionAsync(owner))!.CustomerLayout);
    }

    [Fact]
    public async Task Layout_IsPerOrganization()
    {
        var (owner, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var (other, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        await app.AddInvoiceLinkAsync(other);

        Assert.False((await (await (await app.BearerClientAsync(owner)).GetAsync(Url)).ReadJsonAsync()).GetProperty("locked").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await (await app.BearerClientAsync(owner)).PutJsonAsync(Url, new { layout = "JobAsSubCustomer" })).StatusCode);
        Assert.Equal(QboCustomerLayout.LocationAsSubCustomer, (await app.ConnectionAsync(other))!.CustomerLayout);
    }
}
