using System.Net;
using System.Text;
using System.Text.Json;
using Groundwork.QuickBooks.OAuth;
using Groundwork.QuickBooks.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Groundwork.QuickBooks.Tests.OAuth;

/// <summary>The OAuth client over real HTTP against a loopback server that answers with Intuit's recorded bodies.</summary>
public sealed class QboOAuthClientTests : IAsyncLifetime
{
    private const string RevokedRefreshToken = "revoked-refresh-token";
    private LoopbackServer _server = null!;
    private ClientHarness _harness = null!;

    public async Task InitializeAsync()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        _server = await LoopbackServer.StartAsync(AnswerAsync);
        _harness = new ClientHarness(_server.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _harness.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ExchangeCodeAsync_RecordedTokenResponse_SendsBasicAuthFormAndComputesExpiries()
    {
        var tokens = await _harness.OAuth.ExchangeCodeAsync("the-code", null, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/qbo/oauth2/v1/tokens/bearer", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-id:client-secret")), request.Headers.Authorization);
        var form = QueryHelpers.ParseQuery(request.Body);
        Assert.Equal("authorization_code", form["grant_type"]);
        Assert.Equal("the-code", form["code"]);
        Assert.Equal("https://groundwork.test/integrations/quickbooks/callback", form["redirect_uri"]);
        Assert.Equal("true", request.Headers["x-include-refresh-token-hard-expires-in"]);
        Assert.Equal("access_token", tokens.AccessToken);
        Assert.Equal("refresh_token", tokens.RefreshToken);
        Assert.Equal("id_token", tokens.IdToken);
        Assert.Equal(_harness.Time.GetUtcNow().AddSeconds(3600), tokens.AccessTokenExpiresAt);
        Assert.Equal(_harness.Time.GetUtcNow().AddSeconds(15552000), tokens.RefreshTokenExpiresAt);
    }

    [Fact]
    public async Task RefreshAsync_RecordedRefreshResponse_ReturnsTheRotatedRefreshToken()
    {
        var tokens = await _harness.OAuth.RefreshAsync("old-refresh-token", CancellationToken.None);

        var form = QueryHelpers.ParseQuery(Assert.Single(_server.Requests).Body);
        Assert.Equal("refresh_token", form["grant_type"]);
        Assert.Equal("old-refresh-token", form["refresh_token"]);
        Assert.Equal("L311478109728uVoOkDSUCl4s8FDRvjHR6kUKz0RHe3WtZQuBq", tokens.RefreshToken);
        Assert.StartsWith("eyJlbmMiOiJBMTI4Q0JDLUhTMjU2", tokens.AccessToken, StringComparison.Ordinal);
        Assert.Null(tokens.RefreshTokenHardExpiresAt);
        Assert.DoesNotContain(tokens.RefreshToken, tokens.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.AccessToken, tokens.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshAsync_InvalidGrant_ThrowsTypedErrorThatNeedsReconnect()
    {
        var error = await Assert.ThrowsAsync<QboOAuthException>(() =>
            _harness.OAuth.RefreshAsync(RevokedRefreshToken, CancellationToken.None));

        Assert.Equal(QboOAuthError.InvalidGrant, error.Error);
        Assert.True(error.NeedsReconnect);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("tid-invalid-grant", error.Fault.IntuitTid);
        Assert.DoesNotContain(RevokedRefreshToken, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExchangeCodeAsync_InvalidClient_ThrowsTypedErrorThatIsNotAReconnect()
    {
        var error = await Assert.ThrowsAsync<QboOAuthException>(() =>
            _harness.OAuth.ExchangeCodeAsync("bad-client", null, CancellationToken.None));

        Assert.Equal(QboOAuthError.InvalidClient, error.Error);
        Assert.False(error.NeedsReconnect);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task RevokeAsync_Token_PostsJsonTokenBodyWithBasicAuth()
    {
        await _harness.OAuth.RevokeAsync("refresh-to-revoke", CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/qbo/v2/oauth2/tokens/revoke", request.Path);
        Assert.StartsWith("Basic ", request.Headers.Authorization.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("application/json", request.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Equal("refresh-to-revoke", JsonDocument.Parse(request.Body).RootElement.GetProperty("token").GetString());
    }

    [Fact]
    public async Task RevokeAsync_IntuitAnswers400_ThrowsWithTheRecordedError()
    {
        var error = await Assert.ThrowsAsync<QboOAuthException>(() =>
            _harness.OAuth.RevokeAsync("unknown-token", CancellationToken.None));

        Assert.Equal("error", error.Fault.Code);
        Assert.Equal(QboOAuthError.Other, error.Error);
    }

    [Fact]
    public async Task GetUserInfoAsync_RecordedUserInfo_ParsesFieldsAndSendsBearer()
    {
        var user = await _harness.OAuth.GetUserInfoAsync("access-1", CancellationToken.None);

        Assert.Equal("Bearer access-1", Assert.Single(_server.Requests).Headers.Authorization);
        Assert.Equal("1182d6ec-2a1f-4aa3-af3f-bb3b95db45af", user.Subject);
        Assert.Equal("john@doe.com", user.Email);
        Assert.True(user.EmailVerified);
        Assert.Equal("John", user.GivenName);
        Assert.Equal("Doe", user.FamilyName);
        Assert.False(user.PhoneNumberVerified);
    }

    [Fact]
    public void BuildAuthorizeUrl_State_CarriesAllFiveParametersToTheAuthorizeEndpoint()
    {
        var url = _harness.OAuth.BuildAuthorizeUrl("state-123");

        Assert.Equal(new Uri(_server.BaseUrl, "connect/oauth2").AbsolutePath, url.AbsolutePath);
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("client-id", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("com.intuit.quickbooks.accounting openid profile email", query["scope"]);
        Assert.Equal("https://groundwork.test/integrations/quickbooks/callback", query["redirect_uri"]);
        Assert.Equal("state-123", query["state"]);
    }

    [Fact]
    public void CreateState_TwoCalls_AreDistinctUrlSafeAndLong()
    {
        var (a, b) = (QboOAuthClient.CreateState(), QboOAuthClient.CreateState());

        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", a);
    }

    private static Task AnswerAsync(ReceivedRequest request, int count, HttpResponse response)
    {
        var parsed = request.Headers.ContentType.ToString().StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)
            ? QueryHelpers.ParseQuery(request.Body)
            : [];
        string? Form(string name) => parsed.TryGetValue(name, out var value) ? value.ToString() : null;
        return request.Path switch
        {
            "/qbo/oauth2/v1/tokens/bearer" when Form("refresh_token") == RevokedRefreshToken =>
                LoopbackServer.WriteJsonAsync(response, 400, """{"error":"invalid_grant"}""", ("intuit_tid", "tid-invalid-grant")),
            "/qbo/oauth2/v1/tokens/bearer" when Form("code") == "bad-client" =>
                LoopbackServer.WriteJsonAsync(response, 401, """{"error":"invalid_client"}"""),
            "/qbo/oauth2/v1/tokens/bearer" when Form("grant_type") == "refresh_token" =>
                Recorded(response, 200, "success_refreshtoken_response.json"),
            "/qbo/oauth2/v1/tokens/bearer" => Recorded(response, 200, "success_token_response.json"),
            "/qbo/v2/oauth2/tokens/revoke" when request.Body.Contains("unknown-token", StringComparison.Ordinal) =>
                Recorded(response, 400, "failure_token_revocation_response.json"),
            "/qbo/v2/oauth2/tokens/revoke" => Recorded(response, 200, "success_revoketoken_response.json"),
            "/qbo/v1/openid_connect/userinfo" => Recorded(response, 200, "success_userinfo_response.json"),
            _ => LoopbackServer.WriteJsonAsync(response, 404, "{}"),
        };
    }

    private static Task Recorded(HttpResponse response, int status, string file) =>
        LoopbackServer.WriteJsonAsync(response, status, QboFixtures.ReadText("intuit-dotnet-sdk-oauth2/" + file));
}
