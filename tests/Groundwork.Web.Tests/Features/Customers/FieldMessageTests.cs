using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Customers;

/// <summary>Messages speak the user's words ("Tax rate"); error keys are the JSON fields the client sent.</summary>
[Trait("Category", "Database")]
public sealed class FieldMessageTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static readonly string[] InternalNames =
        ["TaxRatePercent", "ContactName", "PostalCode", "UnitAmount", "BillingAddress", "Line1", "field"];

    private static void AssertHuman(string[] messages, string expectedWords)
    {
        Assert.Contains(messages, m => m.StartsWith(expectedWords, StringComparison.Ordinal));
        foreach (var name in InternalNames)
        {
            Assert.DoesNotContain(messages, m => m.Contains(name, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Customer_TooLongFields_AreNamedAsPeopleSayThem()
    {
        var client = await app.CreateOrganizationClientAsync();
        var tooLong = new string('x', 101);

        var response = await client.PostJsonAsync("/api/v1/customers",
            new { name = "Acme", contactName = tooLong, billingAddress = new { line1 = tooLong, postalCode = new string('9', 31) } });

        AssertHuman(await response.AssertInvalidAsync("contactName"), "Contact name");
        AssertHuman(await response.AssertInvalidAsync("billingAddress.line1"), "Address line 1");
        AssertHuman(await response.AssertInvalidAsync("billingAddress.postalCode"), "Postal code");
    }

    [Fact]
    public async Task Location_TaxRateTooPrecise_IsKeyedTaxRatePercentAndSaysTaxRate()
    {
        var client = await app.CreateOrganizationClientAsync();
        var customer = await client.CreateAsync("/api/v1/customers", new { name = "Acme" });

        var response = await client.PostJsonAsync($"/api/v1/customers/{customer.Id()}/locations", new { name = "Site", taxRatePercent = 8.125m });

        AssertHuman(await response.AssertInvalidAsync("taxRatePercent"), "Tax rate");
    }

    [Fact]
    public async Task Invoice_TooLongMemoAndDescription_AreNamedAsPeopleSayThem()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        var response = await client.PostJsonAsync("/api/v1/invoices", new
        {
            jobId, memo = new string('m', 1001),
            lines = new[] { new { name = "Work", description = new string('d', 4001), quantity = 1, unitAmount = 5m } },
        });

        AssertHuman(await response.AssertInvalidAsync("memo"), "Memo");
        AssertHuman(await response.AssertInvalidAsync("lines[0].description"), "Description");
    }

    [Fact]
    public async Task LocationPage_TaxRateNotANumber_SaysTaxRateNotThePropertyName()
    {
        var user = await app.CreateUserAsync(Web.Features.Organizations.OrganizationRole.Owner);
        var customer = await (await app.ApiClientAsync(user)).CreateAsync("/api/v1/customers", new { name = "Acme" });
        var browser = await app.BrowserClientAsync(user);

        var response = await browser.PostFormAsync($"/Locations/Edit?customerId={customer.Id()}",
            new() { ["Input.CustomerId"] = customer.Id().ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.Name"] = "Site", ["Input.TaxRatePercent"] = "abc" });

        var page = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("is not valid for Tax rate", page, StringComparison.Ordinal);
        Assert.DoesNotContain("TaxRatePercent.", page, StringComparison.Ordinal);
    }
}
