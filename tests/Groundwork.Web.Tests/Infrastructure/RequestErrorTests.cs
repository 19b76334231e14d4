using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Requests the app cannot read get a 4xx problem, never a 500; requests without a user get 401.</summary>
[Trait("Category", "Database")]
public sealed class RequestErrorTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("/api/v1/customers", "{\"name\": \"Acme\"")]
    [InlineData("/api/v1/customers", "not json at all")]
    [InlineData("/api/v1/invoices", "{\"jobId\": 1, \"lines\": [")]
    [InlineData("/api/v1/payments", "")]
    public async Task Post_MalformedJson_IsBadRequestProblem(string url, string body)
    {
        var client = await app.CreateOrganizationClientAsync();

        var response = await client.PostAsync(url, Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/customers", "{\"name\": 123}")]
    [InlineData("/api/v1/customers", "{\"name\": \"Acme\", \"isActive\": \"maybe\"}")]
    [InlineData("/api/v1/jobs", "{\"number\": \"J-1\", \"name\": \"Build\", \"locationId\": \"seven\"}")]
    [InlineData("/api/v1/jobs", "{\"number\": \"J-1\", \"name\": \"Build\", \"locationId\": 1, \"status\": \"Demolished\"}")]
    [InlineData("/api/v1/invoices", "{\"jobId\": 1, \"issueDate\": \"31/02/2026\", \"lines\": []}")]
    [InlineData("/api/v1/invoices", "{\"jobId\": 1, \"lines\": \"one line\"}")]
    [InlineData("/api/v1/invoices", "{\"jobId\": 1, \"lines\": [{\"name\": \"x\", \"quantity\": \"lots\"}]}")]
    [InlineData("/api/v1/payments", "{\"method\": \"Bitcoin\", \"applications\": []}")]
    [InlineData("/api/v1/payments", "{\"applications\": [{\"documentId\": 1, \"amount\": true}]}")]
    [InlineData("/api/v1/payments", "[]")]
    public async Task Post_WrongTypes_IsBadRequestProblem(string url, string body)
    {
        var client = await app.CreateOrganizationClientAsync();

        var response = await client.PostAsync(url, Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_WrongContentType_IsRefusedWithoutServerError()
    {
        var client = await app.CreateOrganizationClientAsync();

        var response = await client.PostAsync("/api/v1/customers", new StringContent("name=Acme", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(0, await client.CountAsync("/api/v1/customers"));
    }

    [Theory]
    [InlineData("/api/v1/invoices?status=Lost")]
    [InlineData("/api/v1/jobs?page=abc")]
    [InlineData("/api/v1/payments?documentId=x")]
    public async Task Get_WrongQueryTypes_IsBadRequestProblem(string url)
    {
        var client = await app.CreateOrganizationClientAsync();

        await (await client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/api/v1/customers?page=1000000")]
    [InlineData("/api/v1/jobs?page=-5&pageSize=0")]
    [InlineData("/api/v1/vendors?pageSize=100000")]
    public async Task Get_ExtremePaging_IsAnEmptyOrClampedPageNotAServerError(string url)
    {
        await AssertPageAsync(url);
    }

    /// <summary>(page − 1) × pageSize overflows Int32 to −400: PostgreSQL refuses a negative OFFSET (SQLite ignores it).</summary>
    [Theory]
    [InlineData("/api/v1/invoices?page=2147483647&pageSize=200")]
    [InlineData("/api/v1/customers?page=2147483647&pageSize=200")]
    public async Task Get_PageWhoseOffsetOverflows_IsAnEmptyPageNotAServerError(string url)
    {
        var json = await AssertPageAsync(url);
        Assert.Empty(json.GetProperty("items").EnumerateArray());
    }

    private async Task<System.Text.Json.JsonElement> AssertPageAsync(string url)
    {
        var client = await app.CreateOrganizationClientAsync();
        await client.CreateJobAsync();

        var response = await client.GetAsync(url);

        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} → {(int)response.StatusCode}: {json}");
        Assert.InRange(json.GetProperty("pageSize").GetInt32(), 1, 200);
        return json;
    }

    [Theory]
    [InlineData("/api/v1/customers")]
    [InlineData("/api/v1/invoices")]
    [InlineData("/api/v1/payments")]
    [InlineData("/api/v1/cost-codes")]
    public async Task Get_Unauthenticated_Is401(string url)
    {
        var client = app.CreateClient();

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_Unauthenticated_Is401AndWritesNothing()
    {
        var anonymous = app.CreateClient();
        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-real-token");

        var first = await anonymous.PostJsonAsync("/api/v1/customers", new { name = "Sneaky" });
        var second = await forged.PostJsonAsync("/api/v1/customers", new { name = "Sneaky" });

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        Assert.False(await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.Name == "Sneaky"));
    }

    [Fact]
    public async Task Login_WrongPassword_Is401Problem()
    {
        var client = app.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/login", new { email = "nobody@test.example", password = "wrong-password-123" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_UnknownId_IsNotFoundProblem()
    {
        var client = await app.CreateOrganizationClientAsync();

        var problem = await (await client.GetAsync("/api/v1/invoices/987654")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("987654", problem.GetProperty("detail").GetString());
    }
}
