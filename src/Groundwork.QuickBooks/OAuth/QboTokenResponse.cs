using System.Text.Json.Serialization;

namespace Groundwork.QuickBooks.OAuth;

/// <summary>The token endpoint's success body (code exchange and refresh).</summary>
public sealed record QboTokenResponse
{
    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    /// <summary>Access token lifetime in seconds (3600).</summary>
    [JsonPropertyName("expires_in")]
    public long ExpiresIn { get; init; }

    /// <summary>May differ from the one sent: Intuit rotates refresh tokens, and the latest one must be saved at once.</summary>
    [JsonPropertyName("refresh_token")]
    public required string RefreshToken { get; init; }

    /// <summary>Rolling refresh token lifetime in seconds (about 100 days).</summary>
    [JsonPropertyName("x_refresh_token_expires_in")]
    public long RefreshTokenExpiresIn { get; init; }

    /// <summary>Hard 5-year limit, sent only when asked for with <c>x-include-refresh-token-hard-expires-in</c>.</summary>
    [JsonPropertyName("x_refresh_token_hard_expires_in")]
    public long? RefreshTokenHardExpiresIn { get; init; }

    /// <summary>Present when the <c>openid</c> scope was requested.</summary>
    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    /// <summary>The absolute expiry times, counted from <paramref name="receivedAt"/>.</summary>
    public QboTokenSet ToTokenSet(DateTimeOffset receivedAt) => new(
        AccessToken,
        receivedAt.AddSeconds(ExpiresIn),
        RefreshToken,
        receivedAt.AddSeconds(RefreshTokenExpiresIn),
        RefreshTokenHardExpiresIn is { } hard ? receivedAt.AddSeconds(hard) : null,
        IdToken);
}

/// <summary>Tokens with absolute expiry times, ready to store.</summary>
public sealed record QboTokenSet(
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    DateTimeOffset? RefreshTokenHardExpiresAt,
    string? IdToken)
{
    /// <summary>Never print tokens.</summary>
    public override string ToString() =>
        $"QboTokenSet {{ AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O} }}";
}

/// <summary>OpenID userinfo (fields as Intuit sends them; all optional, depending on scopes).</summary>
public sealed record QboUserInfo
{
    [JsonPropertyName("sub")]
    public string? Subject { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("emailVerified")]
    public bool? EmailVerified { get; init; }

    [JsonPropertyName("givenName")]
    public string? GivenName { get; init; }

    [JsonPropertyName("familyName")]
    public string? FamilyName { get; init; }

    [JsonPropertyName("phoneNumber")]
    public string? PhoneNumber { get; init; }

    [JsonPropertyName("phoneNumberVerified")]
    public bool? PhoneNumberVerified { get; init; }
}
