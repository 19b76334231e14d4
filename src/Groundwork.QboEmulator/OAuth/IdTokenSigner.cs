using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.OAuth;

/// <summary>
/// OpenID Connect id_tokens as Intuit issues them (RS256, claims aud/exp/iat/iss/realmid/sub), verifiable with the
/// JWKS at <c>/op/v1/jwks</c>. The key lives for the process: id_tokens are checked once, at sign-in.
/// </summary>
internal sealed class IdTokenSigner(EmulatorClock clock) : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly string keyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant();

    public JsonObject Jwks()
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["alg"] = "RS256", ["use"] = "sig", ["kid"] = keyId,
                ["n"] = Base64Url(parameters.Modulus!), ["e"] = Base64Url(parameters.Exponent!),
            }),
        };
    }

    public string Sign(string issuer, string clientId, string realmId, string subject)
    {
        var now = clock.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["kid"] = keyId, ["alg"] = "RS256" };
        var payload = new JsonObject
        {
            ["sub"] = subject, ["aud"] = new JsonArray(clientId), ["realmid"] = realmId, ["auth_time"] = now,
            ["iss"] = issuer, ["exp"] = now + 3600, ["iat"] = now,
        };
        var signingInput = $"{Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public static string Subject(string email) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(email)).AsSpan(0, 16)).ToString();

    public void Dispose() => rsa.Dispose();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
