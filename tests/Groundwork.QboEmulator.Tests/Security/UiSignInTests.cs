using System.Net;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Security;

/// <summary>The people UI changes nothing and shows no secret until someone signs in with an emulator user.</summary>
public sealed class UiSignInTests
{
    private const string Us = TestEmulator.UsRealm;

    [Theory]
    [InlineData("create-class", "name", "Sneaky")]
    [InlineData("faults", "throttleNext", "5")]
    [InlineData("expire-tokens", "x", "y")]
    [InlineData("disconnect", "clientId", TestEmulator.ClientId)]
    public async Task UiAction_AnonymousWithValidAntiforgeryToken_RefusedAndApiUnaffected(string action, string field, string value)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var browser = new BrowserSession(emulator.Client);
        var signInPage = await browser.GetAsync("/qbo/ui/signin");

        var posted = await browser.PostFormAsync($"/qbo/ui/{Us}/do/{action}", signInPage.Html, new() { [field] = value, ["back"] = $"/qbo/ui/{Us}" });
        var call = await api.GetAsync("customer/1");
        var classes = await api.QueryAsync("select * from Class where Name = 'Sneaky'");

        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Contains("Sign in", posted.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, call.Status);
        Assert.Empty(classes.Json["QueryResponse"]!.AsObject());
    }

    [Fact]
    public async Task ImportItems_Anonymous_Refused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);
        var signInPage = await browser.GetAsync("/qbo/ui/signin");

        var posted = await browser.PostFormAsync($"/qbo/ui/{Us}/import-items", signInPage.Html, []);

        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
    }

    [Fact]
    public async Task AppsPage_Anonymous_ShowsAppsButNoSecretsAndNoForms()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var page = await new BrowserSession(emulator.Client).GetAsync("/qbo/ui/apps");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(TestEmulator.ClientId, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestEmulator.ClientSecret, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("groundwork-dev-verifier-token", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\" action=\"/qbo/ui/apps\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppsPage_SignedIn_ShowsSecrets()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = await emulator.SignedInBrowserAsync();

        var page = await browser.GetAsync("/qbo/ui/apps");

        Assert.Contains(TestEmulator.ClientSecret, page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveApp_Anonymous_RefusedAndAppUnknown()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);
        var signInPage = await browser.GetAsync("/qbo/ui/signin");

        var posted = await browser.PostFormAsync("/qbo/ui/apps", signInPage.Html, new()
        {
            ["clientId"] = "evil", ["clientSecret"] = "evil-secret", ["redirectUris"] = "http://localhost:5000/cb",
        });
        var authorize = await browser.GetAsync("/qbo/connect/oauth2?client_id=evil&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=http%3A%2F%2Flocalhost%3A5000%2Fcb&state=s");

        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Contains("Unknown client_id", authorize.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_RefusedWithoutCookie()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);
        var page = await browser.GetAsync("/qbo/ui/signin");

        var posted = await browser.PostFormAsync("/qbo/ui/signin", page.Html, new() { ["email"] = "bookkeeper@example.com", ["password"] = "wrong" });
        var apps = await browser.GetAsync("/qbo/ui/apps");

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.DoesNotContain(TestEmulator.ClientSecret, apps.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/x")]
    [InlineData("//evil.example/x")]
    [InlineData("/qbo/ui/../../elsewhere")]
    public async Task SignIn_ReturnUrlOutsideTheEmulator_GoesToTheUiInstead(string returnUrl)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);
        var page = await browser.GetAsync($"/qbo/ui/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");

        var posted = await browser.PostFormAsync("/qbo/ui/signin", page.Html, new() { ["email"] = "bookkeeper@example.com", ["password"] = "quickbooks" });

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal("/qbo/ui", posted.Location!.ToString());
    }

    [Fact]
    public async Task SignIn_ReturnUrlInsideTheEmulator_GoesBackThere()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = new BrowserSession(emulator.Client);
        var page = await browser.GetAsync($"/qbo/ui/signin?returnUrl={Uri.EscapeDataString($"/qbo/ui/{Us}/classes")}");

        var posted = await browser.PostFormAsync("/qbo/ui/signin", page.Html, new() { ["email"] = "bookkeeper@example.com", ["password"] = "quickbooks" });

        Assert.Equal($"/qbo/ui/{Us}/classes", posted.Location!.ToString());
    }

    [Theory]
    [InlineData("not*base64!")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task ForgedSignInCookie_TreatedAsAnonymousNot500(string cookie)
    {
        await using var emulator = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/qbo/ui/apps");
        request.Headers.Add("Cookie", $".QboEmulator.User={cookie}");

        using var response = await emulator.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(TestEmulator.ClientSecret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_AfterSigningIn_ActionsRefusedAgain()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var browser = await emulator.SignedInBrowserAsync();
        var page = await browser.GetAsync($"/qbo/ui/{Us}/classes");

        var signedOut = await browser.PostFormAsync("/qbo/ui/signout", page.Html, []);
        var posted = await browser.PostFormAsync($"/qbo/ui/{Us}/do/create-class", page.Html, new() { ["name"] = "After", ["back"] = $"/qbo/ui/{Us}" });

        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
    }

    [Fact]
    public async Task UiAction_UserLimitedToOtherCompany_Refused()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Users.Add(new QboEmulatorUser
        {
            Email = "plain@example.com", Password = "plain", Companies = [TestEmulator.PlainRealm],
        }));
        var browser = await emulator.SignedInBrowserAsync("plain@example.com", "plain");
        var page = await browser.GetAsync($"/qbo/ui/{TestEmulator.PlainRealm}/classes");

        var posted = await browser.PostFormAsync($"/qbo/ui/{Us}/do/create-class", page.Html, new() { ["name"] = "Elsewhere", ["back"] = $"/qbo/ui/{Us}" });

        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
    }
}
