using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Account;

[Trait("Category", "Database")]
public sealed class UiTenancyTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task Pages_OtherOrganizationsRecords_AreNotFoundAndUnchanged()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var ownerApi = await app.ApiClientAsync(owner);
        var (jobId, locationId, customerId) = await ownerApi.CreateJobAsync("A ");
        var invoice = await ownerApi.CreateAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = "Work", quantity = 1, unitAmount = 10m } } });

        var intruder = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));
        foreach (var url in new[] { $"/Customers/Details/{customerId}", $"/Customers/Edit/{customerId}", $"/Locations/Edit/{locationId}",
                     $"/Jobs/Edit/{jobId}", $"/invoices/{invoice.Id()}", $"/invoices/{invoice.Id()}/edit", $"/Payments/New?documentId={invoice.Id()}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync(url)).StatusCode);
        }
        var list = await intruder.GetStringAsync("/Customers");
        Assert.DoesNotContain("A Customer", list, StringComparison.Ordinal);

        var edit = await intruder.PostFormAsync($"/Customers/Edit/{customerId}", new() { ["Input.Name"] = "Taken over" }, "/Customers/Edit");
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        var finalize = await intruder.PostFormAsync($"/invoices/{invoice.Id()}?handler=Finalize", new() { ["version"] = "0" }, "/Customers/Edit");
        Assert.Equal(HttpStatusCode.NotFound, finalize.StatusCode);

        var customer = await (await ownerApi.GetAsync($"/api/v1/customers/{customerId}")).ReadJsonAsync();
        Assert.StartsWith("A Customer", customer.GetProperty("name").GetString(), StringComparison.Ordinal);
        var unchanged = await (await ownerApi.GetAsync($"/api/v1/invoices/{invoice.Id()}")).ReadJsonAsync();
        Assert.Equal("Draft", unchanged.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Forms_PostWithoutAntiforgeryToken_AreRejected()
    {
        var client = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));
        var response = await client.PostAsync("/Customers/Edit", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Name"] = "No token" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("No token", await client.GetStringAsync("/Customers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_SignedOut_RedirectToLogin()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/invoices");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignOut_FromAnyPage_EndsTheSession()
    {
        var client = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member));
        var signOut = await client.PostFormAsync("/Account/Logout", [], "/Customers");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await client.GetAsync("/Customers");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
