using System.Text.Json;
using Groundwork.QuickBooks.Tests.Fixtures;

namespace Groundwork.QuickBooks.Tests;

public sealed class QboEndpointsTests
{
    [Fact]
    public void ForEmulator_BaseWithPath_PutsIntuitsPathsUnderIt()
    {
        var endpoints = QboEndpoints.ForEmulator(new Uri("http://127.0.0.1:5000/qbo"));

        Assert.Equal("http://127.0.0.1:5000/qbo/", endpoints.ApiBaseUrl.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/qbo/connect/oauth2", endpoints.AuthorizeUrl.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/qbo/oauth2/v1/tokens/bearer", endpoints.TokenUrl.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/qbo/v2/oauth2/tokens/revoke", endpoints.RevokeUrl.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/qbo/v1/openid_connect/userinfo", endpoints.UserInfoUrl.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5000/qbo/.well-known/openid_configuration", endpoints.DiscoveryUrl.AbsoluteUri);
    }

    [Fact]
    public void ForEmulator_RelativeUrl_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => QboEndpoints.ForEmulator(new Uri("/qbo/", UriKind.Relative)));
    }

    [Fact]
    public void Production_OAuthEndpoints_MatchIntuitsDiscoveryDocument()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        var discovery = JsonDocument.Parse(QboFixtures.ReadText("intuit-dotnet-sdk-oauth2/discovery.json")).RootElement;

        Assert.Equal(discovery.GetProperty("authorization_endpoint").GetString(), QboEndpoints.Production.AuthorizeUrl.AbsoluteUri);
        Assert.Equal(discovery.GetProperty("token_endpoint").GetString(), QboEndpoints.Production.TokenUrl.AbsoluteUri);
        Assert.Equal(discovery.GetProperty("revocation_endpoint").GetString(), QboEndpoints.Production.RevokeUrl.AbsoluteUri);
    }

    [Fact]
    public void SandboxAndProduction_DifferOnlyInApiUserInfoAndDiscovery()
    {
        var (p, s) = (QboEndpoints.Production, QboEndpoints.Sandbox);

        Assert.Equal("https://quickbooks.api.intuit.com/", p.ApiBaseUrl.AbsoluteUri);
        Assert.Equal("https://sandbox-quickbooks.api.intuit.com/", s.ApiBaseUrl.AbsoluteUri);
        Assert.Equal((p.AuthorizeUrl, p.TokenUrl, p.RevokeUrl), (s.AuthorizeUrl, s.TokenUrl, s.RevokeUrl));
        Assert.NotEqual(p.UserInfoUrl, s.UserInfoUrl);
    }

    [Fact]
    public void ResolveEndpoints_OverrideSet_ReplacesOnlyThatUrl()
    {
        var options = new QboClientOptions
        {
            Environment = QboEnvironment.Sandbox,
            UserInfoUrl = new Uri("https://accounts.example.test/userinfo"),
        };

        var endpoints = options.ResolveEndpoints();

        Assert.Equal("https://accounts.example.test/userinfo", endpoints.UserInfoUrl.AbsoluteUri);
        Assert.Equal(QboEndpoints.Sandbox.ApiBaseUrl, endpoints.ApiBaseUrl);
        Assert.Equal(QboEndpoints.Sandbox.TokenUrl, endpoints.TokenUrl);
    }

    [Fact]
    public void ResolveEndpoints_CustomWithoutBaseUrl_Throws()
    {
        var options = new QboClientOptions { Environment = QboEnvironment.Custom };

        Assert.Throws<InvalidOperationException>(options.ResolveEndpoints);
    }
}
