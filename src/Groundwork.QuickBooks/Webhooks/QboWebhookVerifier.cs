using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Groundwork.QuickBooks.Webhooks;

/// <summary>
/// Checks Intuit's <c>intuit-signature</c> header: base64(HMAC-SHA256(key = verifier token, message = raw body bytes)).
/// Verify before parsing, on the exact bytes received; compare in constant time so timing reveals nothing.
/// </summary>
public sealed class QboWebhookVerifier(IOptions<QboClientOptions> options)
{
    /// <summary>The header Intuit signs with.</summary>
    public const string SignatureHeader = "intuit-signature";

    /// <summary>Verifies with the configured verifier token.</summary>
    public bool Verify(ReadOnlySpan<byte> body, string? signature) =>
        Verify(body, signature, options?.Value.WebhookVerifierToken ?? "");

    /// <summary>True only when <paramref name="signature"/> is the body's signature under <paramref name="verifierToken"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> body, string? signature, string verifierToken)
    {
        if (string.IsNullOrEmpty(verifierToken) || string.IsNullOrWhiteSpace(signature))
        {
            return false;
        }

        Span<byte> received = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signature.Trim(), received, out var length) || length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }
}
