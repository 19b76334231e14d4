using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks;

[Trait("Category", "Database")]
public sealed class ConnectionLifecycleTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task Disconnect_ThenReconnectSameCompany_KeepsTheSameLink()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var before = (await app.ConnectionAsync(user))!;

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Settings/Integrations?handler=Disconnect", [], "/Settings/Integrations")).StatusCode);
        var disconnected = (await app.ConnectionAsync(user))!;
        Assert.Equal(QboConnectionStatus.Disconnected, disconnected.Status);
        Assert.Null(disconnected.RefreshTokenProtected);
        Assert.Equal(before.RealmId, disconnected.RealmId);

        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm)).StatusCode);
        var reconnected = (await app.ConnectionAsync(user))!;
        Assert.Equal(QboConnectionStatus.Connected, reconnected.Status);
        Assert.Equal(before.Id, reconnected.Id);
    }

    [Fact]
    public async Task Connect_DifferentCompanyWhileLinked_IsRefusedUntilRemoved()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var refused = await QboConnectFlow.ConnectAsync(client, QboAppFactory.PlainRealm);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("different company", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(QboAppFactory.UsRealm, (await app.ConnectionAsync(user))!.RealmId);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Settings/Integrations?handler=Remove", [], "/Settings/Integrations")).StatusCode);
        Assert.Null(await app.ConnectionAsync(user));
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, QboAppFactory.PlainRealm)).StatusCode);
        Assert.Equal(QboAppFactory.PlainRealm, (await app.ConnectionAsync(user))!.RealmId);
    }

    [Fact]
    public async Task DisconnectedFromQuickBooksSide_NeedsReconnect_AndRemoveStillWorks()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.PlainRealm);
        var qbo = app.CreateEmulatorAdminClient();
        Assert.True((await qbo.PostAsync($"/qbo/admin/api/companies/{QboAppFactory.PlainRealm}/disconnect", null)).IsSuccessStatusCode);

        var access = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IQboGatewayGrain>(user.OrganizationId).GetAccessAsync(forceRefresh: true);
        Assert.False(access.IsReady);
        Assert.Equal(QboConnectionStatus.NeedsReconnect, (await app.ConnectionAsync(user))!.Status);
        Assert.Contains("Needs reconnect", await client.GetStringAsync("/Settings/Integrations"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Settings/Integrations?handler=Remove", [], "/Settings/Integrations")).StatusCode);
        Assert.Null(await app.ConnectionAsync(user));
    }

    [Fact]
    public async Task DisconnectUrl_CalledByQuickBooks_MarksOnlyRevokedLinksNeedsReconnect()
    {
        var (revoked, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var (stillGood, _) = await app.ConnectedOwnerAsync(QboAppFactory.PlainRealm);
        var anyone = app.CreateBrowserClient();

        // A forged call changes nothing: the plain company's tokens still work.
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync($"/integrations/quickbooks/disconnected?realmId={QboAppFactory.PlainRealm}")).StatusCode);
        Assert.Equal(QboConnectionStatus.Connected, (await app.ConnectionAsync(stillGood))!.Status);

        // The QuickBooks side disconnects the app: tokens revoked, then the disconnect URL is called.
        Assert.True((await app.CreateEmulatorAdminClient().PostAsync($"/qbo/admin/api/companies/{QboAppFactory.UsRealm}/disconnect", null)).IsSuccessStatusCode);
        await anyone.GetAsync($"/integrations/quickbooks/disconnected?realmId={QboAppFactory.UsRealm}");
        Assert.Equal(QboConnectionStatus.NeedsReconnect, (await app.ConnectionAsync(revoked))!.Status);
        Assert.Equal(QboConnectionStatus.Connected, (await app.ConnectionAsync(stillGood))!.Status);
    }

    [Fact]
    public async Task Call_AfterQuickBooksExpiredTheAccessToken_RefreshesOnceAndSucceeds()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.PlainRealm);
        var before = (await app.ConnectionAsync(user))!;
        Assert.True((await app.CreateEmulatorAdminClient().PostAsync($"/qbo/admin/api/companies/{QboAppFactory.PlainRealm}/expire-tokens", null)).IsSuccessStatusCode);

        await using var scope = app.Services.CreateAsyncScope();
        var calls = scope.ServiceProvider.GetRequiredService<QboCompanyCalls>();
        var info = await calls.CallAsync(user.OrganizationId, (c, company, ct) => c.ReadCompanyInfoAsync(company, ct), CancellationToken.None);

        Assert.Equal("Second Street Renovations", info.Value.CompanyName);
        Assert.NotEqual(before.AccessTokenProtected, (await app.ConnectionAsync(user))!.AccessTokenProtected);
    }
}
