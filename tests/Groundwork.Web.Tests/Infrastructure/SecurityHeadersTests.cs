using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Browser hardening headers on pages, the API, error answers and the embedded emulator; HTTPS behind a TLS proxy.</summary>
public sealed class SecurityHeadersTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    public static TheoryData<string> Urls => new() { "/Account/Login", "/api/v1/customers", "/no-such-page", "/health", "/site.css" };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task Response_AnyUrl_CarriesTheHardeningHeaders(string url)
    {
        var response = await app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(url);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Pages_AppPages_HaveNoInlineScript()
    {
        var user = await app.CreateUserAsync(Web.Features.Organizations.OrganizationRole.Owner);
        var browser = await app.BrowserClientAsync(user);

        foreach (var url in new[] { "/", "/Customers", "/invoices", "/bills/new", "/Payments", "/Settings/Integrations", "/Account/Login" })
        {
            var html = await browser.GetStringAsync(url);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }

    [Fact]
    public async Task EmulatorPages_UnderQbo_AllowTheirInlineStyleSheetButNoScript()
    {
        var response = await app.CreateClient().GetAsync("/qbo/ui");

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("style-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_BehindATrustedProxy_SendsHstsAndSecureCookies()
    {
        await using var proxied = app.WithWebHostBuilder(b => b.UseSetting("ForwardedHeaders:Enabled", "true"));
        var client = proxied.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://groundwork.example/") });

        var viaTls = await SendAsync(client, "https");
        var plain = await SendAsync(client, null);

        Assert.StartsWith("max-age=", Header(viaTls, "Strict-Transport-Security"), StringComparison.Ordinal);
        Assert.All(viaTls.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.All(plain.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ForwardedProto_WhenForwardedHeadersAreOff_IsIgnored()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://groundwork.example/") });

        var response = await SendAsync(client, "https");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The sign-in page sets the antiforgery cookie, so it shows which cookies are marked Secure.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        }
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} is missing on {response.RequestMessage?.RequestUri}");
}
