using System.Net;
using System.Text;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>JSON nulls where the API expects an object or a list: "no address" where that makes sense, else a 400 naming the field.</summary>
[Trait("Category", "Database")]
public sealed class NullFieldTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Customer_NullBillingAddress_IsSavedWithNoAddress()
    {
        var client = await app.CreateOrganizationClientAsync();

        var created = await client.PostAsync("/api/v1/customers", Json("""{"name":"Acme","billingAddress":null}"""));
        var json = await created.ReadJsonAsync();
        var updated = await client.PutAsync($"/api/v1/customers/{json.Id()}", Json("""{"name":"Acme 2","billingAddress":null}"""));

        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
    }

    [Fact]
    public async Task VendorAndLocation_NullAddress_AreSavedWithNoAddress()
    {
        var client = await app.CreateOrganizationClientAsync();
        var customer = await client.CreateAsync("/api/v1/customers", new { name = "Acme" });

        var vendor = await client.PostAsync("/api/v1/vendors", Json("""{"name":"Lumber Co","address":null}"""));
        var location = await client.PostAsync($"/api/v1/customers/{customer.Id()}/locations", Json("""{"name":"Site","address":null}"""));

        Assert.Equal(HttpStatusCode.Created, vendor.StatusCode);
        Assert.Equal(HttpStatusCode.Created, location.StatusCode);
    }

    [Theory]
    [InlineData("invoices", "null", "lines")]
    [InlineData("invoices", "[null]", "lines[0]")]
    [InlineData("invoices", """[{"name":"Work","quantity":1,"unitAmount":5},null]""", "lines[1]")]
    [InlineData("bills", "null", "lines")]
    [InlineData("bills", "[null]", "lines[0]")]
    public async Task Document_NullLines_AreRefusedOnTheField(string kind, string lines, string field)
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var vendor = await client.CreateVendorAsync();
        var draft = await client.CreateAsync($"/api/v1/{kind}", new { jobId, vendorId = vendor.Id(), lines = new[] { new { name = "Work", quantity = 1, unitAmount = 5m } } });
        var body = $$"""{"jobId":{{jobId}},"vendorId":{{vendor.Id()}},"lines":{{lines}}}""";

        var post = await client.PostAsync($"/api/v1/{kind}", Json(body));
        var put = await client.PutAsync($"/api/v1/{kind}/{draft.Id()}", Json(body));

        await post.AssertInvalidAsync(field);
        await put.AssertInvalidAsync(field);
        Assert.Equal(1, await client.CountAsync($"/api/v1/{kind}"));
        Assert.Equal(1, (await client.GetJsonAsync($"/api/v1/{kind}/{draft.Id()}")).GetProperty("lines").GetArrayLength());
    }

    [Theory]
    [InlineData("null", "applications")]
    [InlineData("[null]", "applications[0]")]
    public async Task Payment_NullApplications_AreRefusedOnTheField(string applications, string field)
    {
        var client = await app.CreateOrganizationClientAsync();

        var response = await client.PostAsync("/api/v1/payments", Json($$"""{"method":"Check","applications":{{applications}}}"""));

        await response.AssertInvalidAsync(field);
        Assert.Empty((await client.GetJsonAsync("/api/v1/payments")).EnumerateArray());
    }
}

/// <summary>A value of the wrong type is refused on its JSON path, so the client knows which field to fix.</summary>
[Trait("Category", "Database")]
public sealed class WrongTypeFieldTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Theory]
    [InlineData("/api/v1/invoices", """{"jobId":1,"lines":[{"name":"x","quantity":"lots"}]}""", "lines[0].quantity")]
    [InlineData("/api/v1/invoices", """{"jobId":1,"lines":[{"name":"x","quantity":1e30}]}""", "lines[0].quantity")]
    [InlineData("/api/v1/customers", """{"name":"Acme","isActive":"maybe"}""", "isActive")]
    [InlineData("/api/v1/payments", """{"applications":[{"documentId":1,"amount":true}]}""", "applications[0].amount")]
    [InlineData("/api/v1/jobs", """{"number":"J","name":"B","locationId":null}""", "locationId")]
    public async Task Post_WrongType_IsRefusedOnItsJsonPath(string url, string body, string field)
    {
        var client = await app.CreateOrganizationClientAsync();

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        var messages = await response.AssertInvalidAsync(field);
        Assert.DoesNotContain(messages, m => m.Contains("System.", StringComparison.Ordinal));
    }
}
