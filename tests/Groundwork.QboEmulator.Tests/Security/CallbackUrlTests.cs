using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Security;

/// <summary>
/// Apps registered at run time may send people and requests only to loopback, the emulator's own host or configured
/// hosts; the authorize page redirects only to a redirect URI registered exactly for the client.
/// </summary>
public sealed class CallbackUrlTests
{
    [Theory]
    [InlineData("redirectUris", "https://evil.example/cb")]
    [InlineData("webhookUrl", "http://169.254.169.254/latest/meta-data")]
    [InlineData("disconnectUrl", "https://evil.example/disconnected")]
    [InlineData("webhookUrl", "file:///etc/passwd")]
    public async Task SaveAppInUi_UrlOnArbitraryHost_RefusedNamingTheField(string field, string url)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = await emulator.SignedInBrowserAsync();
        var page = await browser.GetAsync("/qbo/ui/apps");
        var fields = new Dictionary<string, string> { ["clientId"] = "third", ["clientSecret"] = "third-secret", [field] = url };

        var posted = await browser.PostFormAsync("/qbo/ui/apps", page.Html, fields);
        var apps = await browser.GetAsync("/qbo/ui/apps");

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Contains(field, posted.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("third-secret", apps.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5080/integrations/quickbooks/callback")]
    [InlineData("http://127.0.0.1:5080/cb")]
    [InlineData("https://emulator.example.net/own-host/cb")]
    [InlineData("https://groundwork.example.com/integrations/quickbooks/callback")]
    public async Task SaveAppInUi_LoopbackOwnOrAllowedHost_Saved(string url)
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.AllowedCallbackHosts = ["groundwork.example.com"];
            o.PublicBaseUrl = "https://emulator.example.net/qbo";
        });
        var browser = await emulator.SignedInBrowserAsync();
        var page = await browser.GetAsync("/qbo/ui/apps");

        var posted = await browser.PostFormAsync("/qbo/ui/apps", page.Html, new()
        {
            ["clientId"] = "third", ["clientSecret"] = "third-secret", ["redirectUris"] = url, ["webhookUrl"] = url, ["disconnectUrl"] = url,
        });

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
    }

    [Fact]
    public async Task PutAppInAdminApi_WebhookOnArbitraryHost_400NamingTheField()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Client.PutAsync("/qbo/admin/api/apps/third", new StringContent(
            """{"clientSecret":"third-secret","redirectUris":["http://localhost:5000/cb"],"webhookUrl":"https://evil.example/hook"}""", Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body["errors"]!["webhookUrl"]);
    }

    [Fact]
    public async Task PutAppInAdminApi_HostHeaderNamingTheTarget_StillRefused()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdminKey = "s3cret");
        using var request = new HttpRequestMessage(HttpMethod.Put, "/qbo/admin/api/apps/third")
        {
            Content = new StringContent(
                """{"clientSecret":"third-secret","redirectUris":["http://localhost:5000/cb"],"webhookUrl":"http://internal.corp/hook"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Emulator-Admin-Key", "s3cret");
        request.Headers.Host = "internal.corp";

        using var response = await emulator.Client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body["errors"]!["webhookUrl"]);
    }

    [Fact]
    public async Task PutAppInAdminApi_AllowedUrls_SavedAndRedirectUriWorks()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Client.PutAsync("/qbo/admin/api/apps/third", new StringContent(
            """{"clientSecret":"third-secret","redirectUris":["http://localhost:5000/cb"],"webhookUrl":"http://localhost:5000/hook"}""", Encoding.UTF8, "application/json"));
        var page = await new BrowserSession(emulator.Client).GetAsync(
            "/qbo/connect/oauth2?client_id=third&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fcb&state=s");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Sign in", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9999/cb")]
    [InlineData("http://localhost:5000/integrations/quickbooks/callback/../../elsewhere")]
    [InlineData("http://localhost:5000/integrations/quickbooks/callback?next=https://evil.example")]
    [InlineData("HTTP://LOCALHOST:5000/integrations/quickbooks/callback")]
    public async Task Authorize_RedirectUriNotRegisteredExactly_ErrorPageNoRedirect(string redirectUri)
    {
        await using var emulator = await TestEmulator.StartAsync();

        // No scope: had the URI been accepted, the error would have been sent back to it as a redirect.
        var page = await new BrowserSession(emulator.Client).GetAsync(
            $"/qbo/connect/oauth2?client_id={TestEmulator.ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirectUri)}&state=s");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
        Assert.Contains("not registered", page.Html, StringComparison.Ordinal);
    }
}
