using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Groundwork.QuickBooks.Http;
using Microsoft.Extensions.Options;

namespace Groundwork.QuickBooks.OAuth;

/// <summary>
/// Intuit OAuth 2.0: authorize URL, code exchange, refresh, revoke, userinfo. Stateless: storing tokens and
/// single-flight refresh belong to the company's gateway grain.
/// </summary>
public sealed class QboOAuthClient
{
    private const string HardExpiryHeader = "x-include-refresh-token-hard-expires-in";

    private readonly HttpClient _http;
    private readonly QboClientOptions _options;
    private readonly QboEndpoints _endpoints;
    private readonly TimeProvider _time;

    public QboOAuthClient(HttpClient http, IOptions<QboClientOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _endpoints = _options.ResolveEndpoints();
        _time = time;
    }

    /// <summary>A fresh unguessable <c>state</c> value (256 bits, base64url) to bind to the user's session.</summary>
    public static string CreateState() =>
        Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Where to send the browser. <paramref name="state"/> must be bound to the user's session and checked on return.</summary>
    public Uri BuildAuthorizeUrl(string state, Uri? redirectUri = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        var redirect = RedirectOrThrow(redirectUri);
        var query = string.Join('&',
            Pair("client_id", _options.ClientId),
            Pair("response_type", "code"),
            Pair("scope", _options.Scopes),
            Pair("redirect_uri", redirect.AbsoluteUri),
            Pair("state", state));
        var separator = _endpoints.AuthorizeUrl.Query.Length > 0 ? "&" : "?";
        return new Uri(_endpoints.AuthorizeUrl.AbsoluteUri + separator + query);
    }

    public Task<QboTokenSet> ExchangeCodeAsync(string code, Uri? redirectUri, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return RequestTokenAsync(
            [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", RedirectOrThrow(redirectUri).AbsoluteUri)],
            cancellationToken);
    }

    /// <summary>Always save the returned refresh token: Intuit may have rotated it.</summary>
    public Task<QboTokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refreshToken);
        return RequestTokenAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);
    }

    /// <summary>Revokes a refresh (or access) token: Groundwork's "disconnect".</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoints.RevokeUrl)
        {
            Content = JsonContent.Create(new Dictionary<string, string> { ["token"] = token }),
        };
        AddClientAuthentication(request);
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QboUserInfo> GetUserInfoAsync(string accessToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, _endpoints.UserInfoUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync<QboUserInfo>(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QboTokenSet> RequestTokenAsync(KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoints.TokenUrl) { Content = new FormUrlEncodedContent(form) };
        AddClientAuthentication(request);
        // Asks Intuit for x_refresh_token_hard_expires_in, the 5-year ceiling behind a forced reconnect.
        request.Headers.Add(HardExpiryHeader, "true");
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        var tokens = await ReadJsonAsync<QboTokenResponse>(response, cancellationToken).ConfigureAwait(false);
        return tokens.ToTokenSet(_time.GetUtcNow());
    }

    private void AddClientAuthentication(HttpRequestMessage request)
    {
        if (string.IsNullOrEmpty(_options.ClientId) || string.IsNullOrEmpty(_options.ClientSecret))
        {
            throw new InvalidOperationException("QuickBooks:ClientId and QuickBooks:ClientSecret must be configured.");
        }

        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.ClientId}:{_options.ClientSecret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            throw new QboOAuthException(QboOAuthError.Other, QboFault.Parse(null, null, null), null, e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var fault = QboFault.Parse(body, response.StatusCode, QboTransport.IntuitTid(response));
        var error = fault.FaultType == "OAuth" ? QboOAuthException.ErrorFrom(fault.Code) : QboOAuthError.Other;
        throw new QboOAuthException(error, fault, response.StatusCode);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("Empty body.");
        }
        catch (JsonException e)
        {
            throw new QboOAuthException(
                QboOAuthError.Other, QboFault.Parse(null, response.StatusCode, QboTransport.IntuitTid(response)), response.StatusCode, e);
        }
    }

    private Uri RedirectOrThrow(Uri? redirectUri) =>
        redirectUri ?? _options.RedirectUri ?? throw new InvalidOperationException("QuickBooks:RedirectUri must be configured.");

    private static string Pair(string name, string value) => $"{name}={Uri.EscapeDataString(value)}";
}
