using System.Text.Json;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks;

/// <summary>The mapping issue's routes are a contract: each is served and documented in the OpenAPI document with its method.</summary>
[Trait("Category", "Database")]
public sealed class QuickBooksApiContractTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Theory]
    [InlineData("get", "/api/v1/quickbooks/items")]
    [InlineData("post", "/api/v1/quickbooks/items")]
    [InlineData("get", "/api/v1/quickbooks/classes")]
    [InlineData("get", "/api/v1/quickbooks/mappings/cost-codes")]
    [InlineData("put", "/api/v1/quickbooks/mappings/cost-codes/{costCodeId}")]
    [InlineData("post", "/api/v1/quickbooks/mappings/cost-codes/autofill")]
    [InlineData("put", "/api/v1/quickbooks/mappings/default-item")]
    [InlineData("get", "/api/v1/quickbooks/mappings/cost-types")]
    [InlineData("put", "/api/v1/quickbooks/mappings/cost-types/{costTypeId}")]
    [InlineData("get", "/api/v1/quickbooks/links")]
    [InlineData("put", "/api/v1/quickbooks/links/{kind}/{id}")]
    [InlineData("post", "/api/v1/quickbooks/links/link-exact")]
    [InlineData("get", "/api/v1/quickbooks/log")]
    [InlineData("get", "/api/v1/quickbooks/log.csv")]
    [InlineData("post", "/api/v1/quickbooks/documents/{id}/repush")]
    [InlineData("get", "/api/v1/quickbooks/reconciliation")]
    [InlineData("get", "/api/v1/quickbooks/reconciliation.csv")]
    [InlineData("post", "/api/v1/quickbooks/documents/{id}/drift/take-quickbooks")]
    [InlineData("post", "/api/v1/quickbooks/documents/{id}/drift/push-groundwork")]
    [InlineData("get", "/api/v1/quickbooks/credit-memos")]
    [InlineData("post", "/api/v1/quickbooks/credit-memos/{id}/offset")]
    [InlineData("get", "/api/v1/quickbooks/unsynced")]
    [InlineData("post", "/api/v1/quickbooks/payments/{id}/retry")]
    [InlineData("post", "/api/v1/quickbooks/payments/{id}/dismiss")]
    public async Task ContractRoute_IsInTheOpenApiDocument(string method, string path)
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
        Assert.True(item.TryGetProperty(method, out _), $"{method.ToUpperInvariant()} {path} is not in the OpenAPI document");
    }
}
