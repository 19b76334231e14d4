using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.QboEmulator.Tests.Embedding;

/// <summary>Mounted in a host like Groundwork.Web: cookie auth with a fallback policy, antiforgery middleware, snake_case JSON.</summary>
public sealed class EmbeddingTests
{
    private static Task<TestEmulator> StartInHostAsync() => TestEmulator.StartAsync(
        services: s =>
        {
            s.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
            s.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            s.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        },
        pipeline: app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseAntiforgery();
            app.MapGet("/host-only", () => Results.Ok(new { HostValue = 1 }));
        });

    [Fact]
    public async Task HostWithFallbackAuthPolicy_HostPageChallenged_EmulatorEndpointsStillAnonymous()
    {
        await using var emulator = await StartInHostAsync();
        var api = await emulator.ApiAsync();

        using var host = await emulator.Client.GetAsync("/host-only");
        var discovery = await emulator.Client.GetFromJsonAsync<JsonObject>("/qbo/.well-known/openid_configuration");
        var customer = await api.GetAsync("customer/1");
        var page = await new BrowserSession(emulator.Client).GetAsync($"/qbo/connect/oauth2?client_id={TestEmulator.ClientId}&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fintegrations%2Fquickbooks%2Fcallback&state=s");

        Assert.Equal(HttpStatusCode.Redirect, host.StatusCode);
        Assert.Contains("/Account/Login", host.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(discovery!["token_endpoint"]);
        Assert.Equal(HttpStatusCode.OK, customer.Status);
        Assert.NotNull(customer.Json["Customer"]!["DisplayName"]);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task HostAntiforgeryMiddleware_EmulatorFormsStillWorkWithTheirTokens()
    {
        await using var emulator = await StartInHostAsync();
        var api = await emulator.ApiAsync();
        var browser = await emulator.SignedInBrowserAsync();
        var page = await browser.GetAsync($"/qbo/ui/{TestEmulator.UsRealm}/classes");

        var posted = await browser.PostFormAsync($"/qbo/ui/{TestEmulator.UsRealm}/do/create-class", page.Html,
            new() { ["name"] = "Embedded", ["back"] = $"/qbo/ui/{TestEmulator.UsRealm}/classes" });
        var answer = await api.QueryAsync("select * from Class where Name = 'Embedded'");

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Single(answer.Json["QueryResponse"]!["Class"]!.AsArray());
    }
}
