using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks;

[Trait("Category", "Database")]
public sealed class ConnectQuickBooksTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private async Task<(TestUser User, HttpClient Client)> OwnerAsync()
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        return (user, await app.BrowserClientAsync(user));
    }

    [Fact]
    public async Task Connect_CompanyWithoutTaxAgency_ConnectsAndReadinessBlocksPushing()
    {
        var (user, client) = await OwnerAsync();
        var callback = await QboConnectFlow.ConnectAsync(client, QboAppFactory.PlainRealm);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);

        var page = await client.GetStringAsync("/Settings/Integrations");
        Assert.Contains("Second Street Renovations", page, StringComparison.Ordinal);
        Assert.Contains("id=\"push-blocked\"", page, StringComparison.Ordinal);
        var connection = await app.ConnectionAsync(user);
        Assert.Equal(QboConnectionStatus.Connected, connection!.Status);
        Assert.Equal(QboAppFactory.PlainRealm, connection.RealmId);
        var readiness = Readiness.FromJson(connection.ReadinessJson)!;
        Assert.False(readiness.CanPush);
        Assert.False(readiness.Items.Single(i => i.Key == "tax-agency").Ok);
    }

    [Fact]
    public async Task Connect_UsCompany_TaxAgencyAndClassesPerLineAreReady()
    {
        var (user, client) = await OwnerAsync();
        await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm);
        var readiness = Readiness.FromJson((await app.ConnectionAsync(user))!.ReadinessJson)!;
        Assert.True(readiness.CanPush);
        Assert.True(readiness.Items.Single(i => i.Key == "tax-agency").Ok);
        Assert.True(readiness.Items.Single(i => i.Key == "class-tracking").Ok);
    }

    [Fact]
    public async Task Callback_ForgedState_IsRefusedAndNothingIsStored()
    {
        var (user, client) = await OwnerAsync();
        var response = await client.GetAsync($"/integrations/quickbooks/callback?code=abc&state=forged&realmId={QboAppFactory.UsRealm}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be matched to your session", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.ConnectionAsync(user));
    }

    [Fact]
    public async Task Callback_Replayed_IsRefusedTheSecondTime()
    {
        var (_, client) = await OwnerAsync();
        var callback = await QboConnectFlow.AuthorizeAsync(client, QboAppFactory.UsRealm);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(callback)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(callback)).StatusCode);
    }

    [Fact]
    public async Task Callback_StateOfAnotherUser_IsRefused()
    {
        var (_, owner) = await OwnerAsync();
        var callback = await QboConnectFlow.AuthorizeAsync(owner, QboAppFactory.UsRealm);
        var (other, otherClient) = await OwnerAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await otherClient.GetAsync(callback)).StatusCode);
        Assert.Null(await app.ConnectionAsync(other));
    }

    [Fact]
    public async Task Cancel_OnTheAuthorizePage_ConnectsNothing()
    {
        var (user, client) = await OwnerAsync();
        var callback = await QboConnectFlow.AuthorizeAsync(client, QboAppFactory.UsRealm, action: "cancel");
        var response = await client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cancelled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.ConnectionAsync(user));
    }

    [Fact]
    public async Task Tokens_AreEncryptedAtRest()
    {
        var (user, client) = await OwnerAsync();
        await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm);
        var connection = (await app.ConnectionAsync(user))!;
        await using var scope = app.Services.CreateAsyncScope();
        var vault = scope.ServiceProvider.GetRequiredService<QboTokenVault>();
        var access = vault.AccessToken(connection)!;
        Assert.False(string.IsNullOrEmpty(access));
        Assert.DoesNotContain(access, connection.AccessTokenProtected!, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.RefreshToken(connection)!, connection.RefreshTokenProtected!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_CannotConnect()
    {
        app.StartServer();
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));
        var response = await member.PostFormAsync("/Settings/Integrations?handler=Connect", [], "/Settings/Integrations");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Null(await app.ConnectionAsync(owner));
    }

    [Theory]
    [InlineData("Remove")]
    [InlineData("Disconnect")]
    [InlineData("Readiness")]
    public async Task Member_CannotChangeTheConnection(string handler)
    {
        app.StartServer();
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(await app.BrowserClientAsync(owner), QboAppFactory.UsRealm)).StatusCode);
        var before = await app.ConnectionAsync(owner);
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));

        var response = await member.PostFormAsync($"/Settings/Integrations?handler={handler}", [], "/Settings/Integrations");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/denied", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
        var after = await app.ConnectionAsync(owner);
        Assert.NotNull(after);
        Assert.Equal(before!.Version, after.Version);
    }
}
