using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Links;

/// <summary>The one link table: owned by the connection, unique on both sides except where mappings share a QBO record.</summary>
[Trait("Category", "Database")]
public sealed class QboLinkTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private static QboLink Link(long connectionId, LinkedKind kind, long localId, string qboType, string qboId)
    {
        var link = new QboLink { ConnectionId = connectionId, Kind = kind, LocalId = localId };
        link.PointAt(qboType, qboId, $"{qboType} {qboId}");
        return link;
    }

    private async Task AddLinksAsync(TestUser user, params (LinkedKind Kind, long LocalId, string QboType, string QboId)[] links)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(user.OrganizationId);
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var connection = await db.QboConnections.SingleAsync();
        db.QboLinks.AddRange(links.Select(l => Link(connection.Id, l.Kind, l.LocalId, l.QboType, l.QboId)));
        await db.SaveChangesAsync();
    }

    private Task<int> LinkCountAsync(TestUser user) => app.WithDbAsync(user, db => db.QboLinks.CountAsync());

    [Fact]
    public async Task RemoveIntegration_ForgetsEveryLink_WhileDisconnectAndReconnectKeepThem()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        await AddLinksAsync(user, (LinkedKind.DefaultItem, 0, "Item", "1"), (LinkedKind.CostCode, 10, "Item", "1"), (LinkedKind.Customer, 20, "Customer", "58"));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Settings/Integrations?handler=Disconnect", [], "/Settings/Integrations")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm)).StatusCode);
        Assert.Equal(3, await LinkCountAsync(user));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Settings/Integrations?handler=Remove", [], "/Settings/Integrations")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(user, db => db.QboLinks.IgnoreQueryFilters().CountAsync(l => l.OrganizationId == user.OrganizationId)));
    }

    [Fact]
    public async Task Mappings_ManyCostCodesMayShareAnItem()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);

        await AddLinksAsync(user, (LinkedKind.CostCode, 1, "Item", "5"), (LinkedKind.CostCode, 2, "Item", "5"), (LinkedKind.CostType, 1, "Class", "9"), (LinkedKind.CostType, 2, "Class", "9"));

        Assert.Equal(4, await LinkCountAsync(user));
    }

    [Fact]
    public async Task IdentityLinks_TwoCustomersCannotClaimOneQuickBooksCustomer()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        await AddLinksAsync(user, (LinkedKind.Customer, 1, "Customer", "58"));

        await Assert.ThrowsAsync<DbUpdateException>(() => AddLinksAsync(user, (LinkedKind.Customer, 2, "Customer", "58")));
        Assert.Equal(1, await LinkCountAsync(user));
    }

    [Fact]
    public async Task Links_ARecordLinksOncePerConnection()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        await AddLinksAsync(user, (LinkedKind.CostCode, 1, "Item", "5"));

        await Assert.ThrowsAsync<DbUpdateException>(() => AddLinksAsync(user, (LinkedKind.CostCode, 1, "Item", "6")));
    }

    [Fact]
    public void PointAt_Mapping_HasNoIdentityButASyncLinkDoes()
    {
        var mapping = Link(1, LinkedKind.CostCode, 1, "Item", "5");
        var customer = Link(1, LinkedKind.Customer, 1, "Customer", "58");

        Assert.Null(mapping.QboIdentity);
        Assert.Equal("Customer:58", customer.QboIdentity);
    }
}
