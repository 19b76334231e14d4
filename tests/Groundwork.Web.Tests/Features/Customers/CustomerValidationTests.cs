using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Customers;

[Trait("Category", "Database")]
public sealed class CustomerValidationTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task Customer_MissingName_IsRefusedOnName(string? name)
    {
        var client = await app.CreateOrganizationClientAsync();

        var messages = await (await client.PostJsonAsync("/api/v1/customers", new { name })).AssertInvalidAsync("name");

        Assert.Contains("Name is required.", messages);
        Assert.Equal(0, await client.CountAsync("/api/v1/customers"));
    }

    [Fact]
    public async Task Customer_NameOf101Characters_IsRefusedAnd100Accepted()
    {
        var client = await app.CreateOrganizationClientAsync();

        var messages = await (await client.PostJsonAsync("/api/v1/customers", new { name = new string('x', 101) })).AssertInvalidAsync("name");
        var accepted = await client.PostJsonAsync("/api/v1/customers", new { name = new string('y', 100) });

        Assert.Contains("Name can be at most 100 characters.", messages);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(1, await client.CountAsync("/api/v1/customers"));
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    public async Task Customer_BadEmail_IsRefusedOnEmail(string email)
    {
        var client = await app.CreateOrganizationClientAsync();

        var messages = await (await client.PostJsonAsync("/api/v1/customers", new { name = "Acme", email })).AssertInvalidAsync("email");

        Assert.Contains("Email is not a valid email address.", messages);
        Assert.Equal(0, await client.CountAsync("/api/v1/customers"));
    }

    [Fact]
    public async Task Customer_TooLongAddressAndPhone_AreRefusedPerField()
    {
        var client = await app.CreateOrganizationClientAsync();

        var response = await client.PostJsonAsync("/api/v1/customers", new
        {
            name = "Acme",
            phone = new string('5', 31),
            billingAddress = new { city = new string('c', 51) },
        });

        await response.AssertInvalidAsync("phone");
        await response.AssertInvalidAsync("billingAddress.city");
    }

    [Fact]
    public async Task Customer_DuplicateName_IsRefusedOnNameAndAllowedInAnotherOrganization()
    {
        var client = await app.CreateOrganizationClientAsync();
        var other = await app.CreateOrganizationClientAsync();
        await client.CreateAsync("/api/v1/customers", new { name = "Acme Builders" });

        var duplicate = await client.PostJsonAsync("/api/v1/customers", new { name = "Acme Builders" });
        var elsewhere = await other.PostJsonAsync("/api/v1/customers", new { name = "Acme Builders" });

        await duplicate.AssertInvalidAsync("name");
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(1, await client.CountAsync("/api/v1/customers"));
    }

    [Fact]
    public async Task Location_TaxRateOutOfRangeOrTooPrecise_IsRefusedOnTaxRatePercent()
    {
        var client = await app.CreateOrganizationClientAsync();
        var customer = await client.CreateAsync("/api/v1/customers", new { name = "Acme" });

        var tooHigh = await client.PostJsonAsync($"/api/v1/customers/{customer.Id()}/locations", new { name = "Site", taxRatePercent = 31m });
        var tooPrecise = await client.PostJsonAsync($"/api/v1/customers/{customer.Id()}/locations", new { name = "Site", taxRatePercent = 8.125m });

        await tooHigh.AssertInvalidAsync("taxRatePercent");
        await tooPrecise.AssertInvalidAsync("taxRatePercent");
        Assert.Empty((await client.GetJsonAsync($"/api/v1/customers/{customer.Id()}")).GetProperty("locations").EnumerateArray());
    }

    [Fact]
    public async Task Location_TaxRateBeyondInt32_IsRefusedNotAServerError()
    {
        var client = await app.CreateOrganizationClientAsync();
        var customer = await client.CreateAsync("/api/v1/customers", new { name = "Acme" });

        var response = await client.PostJsonAsync($"/api/v1/customers/{customer.Id()}/locations", new { name = "Site", taxRatePercent = 10_000_000_000m });

        await response.AssertInvalidAsync("taxRatePercent");
        Assert.Empty((await client.GetJsonAsync($"/api/v1/customers/{customer.Id()}")).GetProperty("locations").EnumerateArray());
    }

    [Fact]
    public async Task Job_MissingNumberAndLocation_IsRefusedPerField()
    {
        var client = await app.CreateOrganizationClientAsync();

        var response = await client.PostJsonAsync("/api/v1/jobs", new { number = "", name = "Build" });

        await response.AssertInvalidAsync("number");
        await response.AssertInvalidAsync("locationId");
        Assert.Equal(0, await client.CountAsync("/api/v1/jobs"));
    }

    [Fact]
    public async Task Vendor_MissingName_IsRefusedOnName()
    {
        var client = await app.CreateOrganizationClientAsync();

        await (await client.PostJsonAsync("/api/v1/vendors", new { name = "", email = "nope" })).AssertInvalidAsync("name");

        Assert.Equal(0, await client.CountAsync("/api/v1/vendors"));
    }
}
