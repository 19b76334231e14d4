using System.Net;
using System.Net.Http.Headers;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>An unknown address answers a browser with a page and an API client with a problem body.</summary>
public sealed class StatusPageTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task UnknownPage_FromABrowser_AnswersAnHtmlNotFoundPage()
    {
        var response = await GetAsync("/no-such-page", BrowserAccept);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/no-such-thing", BrowserAccept)]
    [InlineData("/no-such-page", "application/json")]
    [InlineData("/no-such-page", null)]
    public async Task UnknownAddress_FromTheApiOrAJsonClient_AnswersProblemJson(string url, string? accept)
    {
        var response = await GetAsync(url, accept);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept)
    {
        var user = await app.CreateUserAsync(Web.Features.Organizations.OrganizationRole.Member);
        var client = await app.ApiClientAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }
        return await client.SendAsync(request);
    }
}
