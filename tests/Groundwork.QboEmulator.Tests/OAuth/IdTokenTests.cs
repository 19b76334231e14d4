using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.OAuth;

public sealed class IdTokenTests
{
    [Fact]
    public async Task OpenIdScope_IdTokenSignedRs256VerifiableWithJwksAndCarriesRealm()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var tokens = await emulator.TokensAsync();
        var jwks = await emulator.Client.GetFromJsonAsync<JsonObject>("/qbo/op/v1/jwks");
        var parts = ((string)tokens["id_token"]!).Split('.');
        var key = jwks!["keys"]![0]!;
        using var rsa = RSA.Create(new RSAParameters { Modulus = FromBase64Url((string)key["n"]!), Exponent = FromBase64Url((string)key["e"]!) });

        var valid = rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var claims = JsonNode.Parse(FromBase64Url(parts[1]))!;

        Assert.True(valid);
        Assert.Equal(TestEmulator.UsRealm, (string?)claims["realmid"]);
        Assert.Equal(TestEmulator.ClientId, (string?)claims["aud"]![0]);
        Assert.Equal("http://localhost/qbo/op/v1", (string?)claims["iss"]);
    }

    [Fact]
    public async Task AccountingScopeOnly_NoIdToken()
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/qbo/admin/api/tokens")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["realmId"] = TestEmulator.UsRealm, ["scope"] = "com.intuit.quickbooks.accounting" }),
        };
        request.Headers.Authorization = TestEmulator.Basic();

        using var response = await emulator.Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.NotNull(body!["access_token"]);
        Assert.Null(body["id_token"]);
    }

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
