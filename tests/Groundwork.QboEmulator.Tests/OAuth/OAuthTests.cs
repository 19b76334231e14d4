using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace Groundwork.QboEmulator.Tests.OAuth;

public sealed class OAuthTests
{
    private const string Redirect = "http://localhost:5000/integrations/quickbooks/callback";

    private static string AuthorizeUrl(TestEmulator emulator, string state = "st-1") =>
        $"{emulator.Prefix}/connect/oauth2?client_id={TestEmulator.ClientId}&response_type=code&scope=com.intuit.quickbooks.accounting%20openid&redirect_uri={Uri.EscapeDataString(Redirect)}&state={state}";

    [Fact]
    public async Task Discovery_MountedUnderPrefix_EndpointsCarryHostAndPrefix()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var doc = await emulator.Client.GetFromJsonAsync<JsonObject>("/qbo/.well-known/openid_sandbox_configuration");

        Assert.Equal("http://localhost/qbo/oauth2/v1/tokens/bearer", (string?)doc!["token_endpoint"]);
        Assert.Equal("http://localhost/qbo/connect/oauth2", (string?)doc["authorization_endpoint"]);
        Assert.Equal("http://localhost/qbo/v2/oauth2/tokens/revoke", (string?)doc["revocation_endpoint"]);
    }

    [Fact]
    public async Task AuthorizePage_SignInChooseCompanyConnect_RedirectsWithCodeStateRealm_CodeIsSingleUse()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);
        var url = AuthorizeUrl(emulator);

        var signIn = await browser.GetAsync(url);
        var afterSignIn = await browser.PostFormAsync(url, signIn.Html, new() { ["action"] = "signin", ["email"] = "bookkeeper@example.com", ["password"] = "quickbooks" });
        var consent = await browser.GetAsync(afterSignIn.Location!.ToString());
        var connected = await browser.PostFormAsync(url, consent.Html, new() { ["action"] = "connect", ["realmId"] = TestEmulator.PlainRealm });

        Assert.Contains("Second Street Renovations", consent.Html, StringComparison.Ordinal);
        Assert.StartsWith(Redirect, connected.Location!.ToString(), StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(connected.Location.Query);
        Assert.Equal("st-1", query["state"]);
        Assert.Equal(TestEmulator.PlainRealm, query["realmId"]);
        var first = await ExchangeAsync(emulator, query["code"]!, Redirect);
        var second = await ExchangeAsync(emulator, query["code"]!, Redirect);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(3600, (int)(await first.Content.ReadFromJsonAsync<JsonObject>())!["expires_in"]!);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("""{"error":"invalid_grant"}""", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AuthorizePage_Cancel_RedirectsAccessDenied()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);
        var url = AuthorizeUrl(emulator, "xyz");
        var page = await browser.GetAsync(url);

        var cancelled = await browser.PostFormAsync(url, page.Html, new() { ["action"] = "cancel" });

        var query = QueryHelpers.ParseQuery(cancelled.Location!.Query);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("xyz", query["state"]);
    }

    [Fact]
    public async Task AuthorizePage_PostWithoutAntiforgeryToken_Rejected()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);

        var posted = await browser.PostFormAsync(AuthorizeUrl(emulator), "", new() { ["action"] = "cancel", ["client_id"] = TestEmulator.ClientId, ["redirect_uri"] = Redirect, ["state"] = "s", ["scope"] = "com.intuit.quickbooks.accounting", ["response_type"] = "code" });

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Null(posted.Location);
    }

    [Fact]
    public async Task AuthorizePage_UnregisteredRedirectUri_ErrorPageNoRedirect()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var page = await new BrowserSession(emulator.Client).GetAsync(
            $"/qbo/connect/oauth2?client_id={TestEmulator.ClientId}&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&state=s");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Null(page.Location);
        Assert.Contains("https://evil.example/cb", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_RotatesToken_PreviousWorksWithinGraceThenInvalidGrant()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var tokens = await emulator.TokensAsync();
        var original = (string)tokens["refresh_token"]!;

        var rotated = await RefreshAsync(emulator, original);
        var newToken = (string)(await rotated.Content.ReadFromJsonAsync<JsonObject>())!["refresh_token"]!;
        var withinGrace = await RefreshAsync(emulator, original);
        emulator.Time.Advance(TimeSpan.FromMinutes(3));
        var afterGrace = await RefreshAsync(emulator, original);
        var latest = await RefreshAsync(emulator, newToken);

        Assert.NotEqual(original, newToken);
        Assert.Equal(HttpStatusCode.OK, withinGrace.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, afterGrace.StatusCode);
        Assert.Equal("""{"error":"invalid_grant"}""", await afterGrace.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
    }

    [Fact]
    public async Task Refresh_AskingForHardExpiry_ReportsFiveYearsFromConnection()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var tokens = await emulator.TokensAsync();
        emulator.Time.Advance(TimeSpan.FromDays(1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/qbo/oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = (string)tokens["refresh_token"]! }),
        };
        request.Headers.Authorization = TestEmulator.Basic();
        request.Headers.Add("x-include-refresh-token-hard-expires-in", "true");

        using var response = await emulator.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        var expected = (long)(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero).AddYears(5) - emulator.Time.GetUtcNow()).TotalSeconds;
        Assert.Equal(expected, (long)body!["x_refresh_token_hard_expires_in"]!);
    }

    [Fact]
    public async Task TokenEndpoint_WrongSecret_InvalidClient()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/qbo/oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "x" }),
        };
        request.Headers.Authorization = TestEmulator.Basic(secret: "wrong");

        using var response = await emulator.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_client", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]);
    }

    [Fact]
    public async Task AccessToken_AfterAnHour_Gateway401WithWwwAuthenticate()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        emulator.Time.Advance(TimeSpan.FromSeconds(3601));

        var answer = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("3200", (string?)answer.Json["fault"]!["error"]![0]!["code"]);
        Assert.StartsWith("Token expired", (string?)answer.Json["fault"]!["error"]![0]!["detail"], StringComparison.Ordinal);
        Assert.Contains("invalid_token", answer.Raw.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Revoke_RefreshToken_KillsAccessTokenAndRefresh(string contentType)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var tokens = await emulator.TokensAsync();
        var api = new QboCalls(emulator.Client, $"/qbo/v3/company/{TestEmulator.UsRealm}", (string)tokens["access_token"]!);
        var refresh = (string)tokens["refresh_token"]!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/qbo/v2/oauth2/tokens/revoke")
        {
            Content = contentType == "application/json"
                ? new StringContent(new JsonObject { ["token"] = refresh }.ToJsonString(), Encoding.UTF8, contentType)
                : new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = refresh }),
        };
        request.Headers.Authorization = TestEmulator.Basic();

        using var revoked = await emulator.Client.SendAsync(request);
        var call = await api.GetAsync("customer/1");
        var again = await RefreshAsync(emulator, refresh);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Token_ForOtherRealm_Fault100()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync(TestEmulator.PlainRealm);
        var wrong = new QboCalls(emulator.Client, $"/qbo/v3/company/{TestEmulator.UsRealm}", api.AccessToken);

        var answer = await wrong.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("100", answer.FaultCode);
    }

    [Fact]
    public async Task UserInfo_ValidToken_ReturnsEmailOfSignedInUser()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var tokens = await emulator.TokensAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/qbo/v1/openid_connect/userinfo");
        request.Headers.Authorization = new("Bearer", (string)tokens["access_token"]!);

        using var response = await emulator.Client.SendAsync(request);

        Assert.Equal("bookkeeper@example.com", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["email"]);
    }

    private static async Task<HttpResponseMessage> ExchangeAsync(TestEmulator emulator, string code, string redirect)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/qbo/oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirect }),
        };
        request.Headers.Authorization = TestEmulator.Basic();
        return await emulator.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> RefreshAsync(TestEmulator emulator, string refresh)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/qbo/oauth2/v1/tokens/bearer")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }),
        };
        request.Headers.Authorization = TestEmulator.Basic();
        return await emulator.Client.SendAsync(request);
    }
}
