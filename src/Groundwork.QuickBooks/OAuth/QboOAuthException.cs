using System.Net;

namespace Groundwork.QuickBooks.OAuth;

/// <summary>OAuth error codes (RFC 6749 §5.2) that callers act on.</summary>
public enum QboOAuthError
{
    /// <summary>Anything else, including non-OAuth failures.</summary>
    Other,

    /// <summary>Refresh token expired, revoked or rotated out, or the code was used or expired: reconnect.</summary>
    InvalidGrant,

    /// <summary>Client id or secret wrong: a configuration problem, not the user's.</summary>
    InvalidClient,

    InvalidRequest,

    UnauthorizedClient,

    UnsupportedGrantType,

    InvalidScope,
}

/// <summary>An OAuth call to Intuit failed.</summary>
public sealed class QboOAuthException(QboOAuthError error, QboFault fault, HttpStatusCode? statusCode, Exception? inner = null)
    : Exception($"Intuit OAuth failed: {fault?.Code ?? "HTTP " + (int?)statusCode} {fault?.Detail} (intuit_tid {fault?.IntuitTid ?? "none"})", inner)
{
    public QboOAuthError Error { get; } = error;

    public QboFault Fault { get; } = fault ?? throw new ArgumentNullException(nameof(fault));

    public HttpStatusCode? StatusCode { get; } = statusCode;

    /// <summary>True when only a new authorization (reconnect) can help.</summary>
    public bool NeedsReconnect => Error == QboOAuthError.InvalidGrant;

    internal static QboOAuthError ErrorFrom(string? code) => code switch
    {
        "invalid_grant" => QboOAuthError.InvalidGrant,
        "invalid_client" => QboOAuthError.InvalidClient,
        "invalid_request" => QboOAuthError.InvalidRequest,
        "unauthorized_client" => QboOAuthError.UnauthorizedClient,
        "unsupported_grant_type" => QboOAuthError.UnsupportedGrantType,
        "invalid_scope" => QboOAuthError.InvalidScope,
        _ => QboOAuthError.Other,
    };
}
