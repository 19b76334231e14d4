using Groundwork.QuickBooks.OAuth;
using Microsoft.AspNetCore.DataProtection;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>Tokens are encrypted at rest with Data Protection (keys kept in the database) and never logged.</summary>
public sealed class QboTokenVault(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Groundwork.QuickBooks.Tokens.v1");

    public void Store(QboConnection connection, QboTokenSet tokens)
    {
        connection.AccessTokenProtected = _protector.Protect(tokens.AccessToken);
        connection.AccessTokenExpiresAtUtc = tokens.AccessTokenExpiresAt.UtcDateTime;
        connection.RefreshTokenProtected = _protector.Protect(tokens.RefreshToken);
        connection.RefreshTokenExpiresAtUtc = tokens.RefreshTokenExpiresAt.UtcDateTime;
    }

    public static void Forget(QboConnection connection)
    {
        connection.AccessTokenProtected = null;
        connection.AccessTokenExpiresAtUtc = null;
        connection.RefreshTokenProtected = null;
        connection.RefreshTokenExpiresAtUtc = null;
    }

    public string? AccessToken(QboConnection connection) =>
        connection.AccessTokenProtected is { } value ? _protector.Unprotect(value) : null;

    public string? RefreshToken(QboConnection connection) =>
        connection.RefreshTokenProtected is { } value ? _protector.Unprotect(value) : null;
}
