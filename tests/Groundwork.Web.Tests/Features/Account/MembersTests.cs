using System.Net;
using System.Text.RegularExpressions;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Account;

/// <summary>
/// Settings → Members: an Owner or Admin invites people with a role (a one-time password shown once), changes roles and
/// removes people, and each change counts on that member's very next request, cookie or bearer.
/// </summary>
[Trait("Category", "Database")]
public sealed partial class MembersTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private const string Page = "/Settings/Members";

    [Fact]
    public async Task AddMember_ByOwner_ShowsAOneTimePasswordThatSignsInWithTheRole()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var browser = await app.BrowserClientAsync(owner);
        var email = $"{Guid.NewGuid():N}@crew.example";

        var response = await browser.PostFormAsync($"{Page}?handler=Add", new() { ["Email"] = email, ["Role"] = "Accountant" }, Page);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = OneTimePassword().Match(html).Groups[1].Value;
        Assert.True(password.Length >= 16, html);
        var member = await app.SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.NotFound, (await member.DeleteAsync("/api/v1/payments/999999")).StatusCode);
        var shared = await (await app.ApiClientAsync(owner)).CreateAsync("/api/v1/customers", new { name = $"Shared {Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/customers/{shared.Id()}")).StatusCode);
        Assert.DoesNotContain(password, await browser.GetStringAsync(Page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRole_OfASignedInMember_CountsOnTheirNextRequest()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var member = await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId);
        var memberApi = await app.ApiClientAsync(member);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.DeleteAsync("/api/v1/payments/999999")).StatusCode);
        var browser = await app.BrowserClientAsync(owner);

        var change = await browser.PostFormAsync($"{Page}?handler=Role", new() { ["userId"] = await UserIdAsync(browser, member.Email), ["newRole"] = "Accountant" }, Page);

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await memberApi.DeleteAsync("/api/v1/payments/999999")).StatusCode);
    }

    [Fact]
    public async Task RemoveMember_SignedIn_LosesAccessOnTheNextRequestAndCannotSignInAgain()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var member = await app.CreateUserAsync(OrganizationRole.Admin, owner.OrganizationId);
        var memberApi = await app.ApiClientAsync(member);
        var memberBrowser = await app.BrowserClientAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await memberApi.GetAsync("/api/v1/customers")).StatusCode);
        var browser = await app.BrowserClientAsync(owner);

        var remove = await browser.PostFormAsync($"{Page}?handler=Remove", new() { ["userId"] = await UserIdAsync(browser, member.Email) }, Page);

        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await memberApi.GetAsync("/api/v1/customers")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await memberBrowser.GetAsync("/Customers")).StatusCode);
        var login = await app.CreateClient().PostJsonAsync("/api/v1/auth/login", new { email = member.Email, password = member.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task MembersPage_ForMembersAndAccountants_IsNotAllowed()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));
        var ownerPage = await (await app.BrowserClientAsync(owner)).GetStringAsync(Page);

        var page = await accountant.GetAsync(Page);
        var post = await accountant.PostFormAsync($"{Page}?handler=Add", new() { ["Email"] = $"{Guid.NewGuid():N}@crew.example", ["Role"] = "Admin" }, "/Customers");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/denied", page.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("/account/denied", post.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(owner.Email, ownerPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_MakingSomeoneOwnerOrDemotingTheOwner_IsRefused()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var admin = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Admin, owner.OrganizationId));
        var member = await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId);

        var promote = await admin.PostFormAsync($"{Page}?handler=Role", new() { ["userId"] = await UserIdAsync(admin, member.Email), ["newRole"] = "Owner" }, Page);
        var demote = await admin.PostFormAsync($"{Page}?handler=Role", new() { ["userId"] = await UserIdAsync(admin, owner.Email), ["newRole"] = "Member" }, Page);
        var invite = await admin.PostFormAsync($"{Page}?handler=Add", new() { ["Email"] = $"{Guid.NewGuid():N}@crew.example", ["Role"] = "Owner" }, Page);

        foreach (var refused in new[] { promote, demote, invite })
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Only an owner can", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var ownerApi = await app.ApiClientAsync(owner);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerApi.DeleteAsync("/api/v1/payments/999999")).StatusCode);
    }

    [Fact]
    public async Task Owner_DemotingTheLastOwner_IsRefused()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var browser = await app.BrowserClientAsync(owner);

        var demote = await browser.PostFormAsync($"{Page}?handler=Role", new() { ["userId"] = await UserIdAsync(browser, owner.Email), ["newRole"] = "Admin" }, Page);

        Assert.Contains("at least one owner", await demote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Page)).StatusCode);
    }

    [Fact]
    public async Task MembersPage_OtherOrganizationsMember_IsNotFoundAndUnchanged()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var stranger = await app.CreateUserAsync(OrganizationRole.Member);
        var strangerApi = await app.ApiClientAsync(stranger);
        var browser = await app.BrowserClientAsync(owner);
        var strangerId = await UserIdAsync(await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Owner, stranger.OrganizationId)), stranger.Email);

        var change = await browser.PostFormAsync($"{Page}?handler=Role", new() { ["userId"] = strangerId, ["newRole"] = "Admin" }, Page);
        var remove = await browser.PostFormAsync($"{Page}?handler=Remove", new() { ["userId"] = strangerId }, Page);

        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await strangerApi.GetAsync("/api/v1/customers")).StatusCode);
    }

    private static async Task<string> UserIdAsync(HttpClient browser, string email)
    {
        var html = await browser.GetStringAsync(Page);
        var row = html.IndexOf($"<td>{email}</td>", StringComparison.Ordinal);
        Assert.True(row >= 0, $"{email} is not listed");
        return UserIdField().Match(html, row).Groups[1].Value;
    }

    [GeneratedRegex("<code>([^<]+)</code>")]
    private static partial Regex OneTimePassword();

    [GeneratedRegex("name=\"userId\" value=\"([^\"]+)\"")]
    private static partial Regex UserIdField();
}
