using System.Net;
using System.Text;
using Groundwork.QboEmulator.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QboEmulator.Tests.Security;

/// <summary>
/// The admin API mints tokens and disconnects companies. With a key it needs the key (or a signed-in emulator user);
/// without one it answers only scripts on the same machine, never a browser on another site and never a remote caller.
/// </summary>
public sealed class AdminAccessTests
{
    private const string Disconnect = $"/qbo/admin/api/companies/{TestEmulator.UsRealm}/disconnect";

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    public async Task AdminApi_NoKeyBrowserFromElsewhereOrForwarded_RefusedAndNothingDisconnected(string header, string value)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Disconnect);
        request.Headers.Add(header, value);

        using var response = await emulator.Client.SendAsync(request);
        var call = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, call.Status);
    }

    [Fact]
    public async Task AdminApi_NoKeyRemoteCaller_Refused()
    {
        await using var emulator = await TestEmulator.StartAsync(pipeline: app => app.Use((HttpContext http, RequestDelegate next) =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
            return next(http);
        }));

        using var response = await emulator.Client.PostAsync($"/qbo/admin/api/companies/{TestEmulator.UsRealm}/expire-tokens", null);
        using var apps = await emulator.Client.GetAsync("/qbo/admin/api/apps");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, apps.StatusCode);
    }

    [Fact]
    public async Task AdminApi_NoKeyLocalScript_Allowed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        using var response = await emulator.Client.PostAsync(Disconnect, null);
        var call = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
    }

    [Fact]
    public async Task AdminApi_KeyConfiguredSameOriginLocalScriptWithoutKey_Refused()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdminKey = "s3cret");

        using var response = await emulator.Client.PutAsync($"/qbo/admin/api/faults/{TestEmulator.UsRealm}",
            new StringContent("""{"throttleNext":1}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AdminApi_KeyConfiguredSignedInUserWithoutKey_Refused()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdminKey = "s3cret");
        var browser = await emulator.SignedInBrowserAsync();

        var counters = await browser.GetAsync("/qbo/admin/api/counters");

        Assert.Equal(HttpStatusCode.Unauthorized, counters.Status);
    }

    [Fact]
    public async Task AdminApi_WrongKey_Refused()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdminKey = "s3cret");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/qbo/admin/api/apps");
        request.Headers.Add("X-Emulator-Admin-Key", "s3cret-not");

        using var response = await emulator.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
