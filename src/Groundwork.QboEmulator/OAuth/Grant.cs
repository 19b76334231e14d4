namespace Groundwork.QboEmulator.OAuth;

/// <summary>A connection: one app authorised by one user for one company, with its rotating refresh token.</summary>
internal sealed class Grant
{
    public required string Id { get; init; }

    public required string ClientId { get; init; }

    public required string RealmId { get; init; }

    public required string UserEmail { get; init; }

    public required string Scope { get; init; }

    public required string RefreshToken { get; set; }

    public DateTimeOffset RefreshExpires { get; set; }

    /// <summary>The rotated-out refresh token, still accepted until <see cref="PreviousValidUntil"/>.</summary>
    public string? PreviousRefreshToken { get; set; }

    public DateTimeOffset PreviousValidUntil { get; set; }

    public DateTimeOffset ConnectedAt { get; init; }

    public Dictionary<string, DateTimeOffset> AccessTokens { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>A single-use authorization code.</summary>
internal sealed record AuthCode(string ClientId, string RedirectUri, string RealmId, string UserEmail, string Scope, DateTimeOffset Expires);

/// <summary>What the token endpoint returns on success.</summary>
internal sealed record TokenIssue(Grant Grant, string AccessToken, TimeSpan AccessLifetime, TimeSpan RefreshLifetime);

/// <summary>How an access token fared.</summary>
internal enum AccessCheck
{
    Valid,
    Expired,
    Invalid,
}
