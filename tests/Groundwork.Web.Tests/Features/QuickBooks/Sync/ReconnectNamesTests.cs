using System.Net;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// Remove integration forgets every link, but the QuickBooks company keeps the customer and sub-customer Groundwork made.
/// Reconnected, the next push links both again (the sub-customer under the customer it links in the same push) instead of
/// refusing the location as a clash with its own sub-customer or making a second one. Through the real HTTP path.
/// </summary>
[Trait("Category", "Database")]
public sealed class ReconnectNamesTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task RemoveIntegrationThenReconnect_ANewInvoiceOfTheSameJob_LinksTheCustomerAndSubCustomerGroundworkMadeBefore()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, customer, location) = await owner.Api.JobAsync();
        var first = (await owner.Api.CreateInvoiceAsync(jobId, 100m)).Id();
        var firstQbo = (await owner.Api.SyncedAsync("invoices", first)).GetProperty("qboId").GetString()!;
        var subCustomer = (await owner.Qbo.ReadAsync<QboInvoice>(firstQbo)).CustomerRef!.Value;

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Browser.PostFormAsync("/Settings/Integrations?handler=Remove", [], "/Settings/Integrations")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(owner.Browser, owner.Realm)).StatusCode);
        (await owner.Api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = owner.DefaultItemId })).EnsureSuccessStatusCode();

        var second = (await owner.Api.CreateInvoiceAsync(jobId, 40m)).Id();
        var sync = await owner.Api.SyncedAsync("invoices", second, "synced", "needsAttention");
        Assert.True(sync.GetProperty("state").GetString() == "synced", $"the invoice was held back: {sync}");
        var secondQbo = await owner.Qbo.ReadAsync<QboInvoice>(sync.GetProperty("qboId").GetString()!);
        Assert.Equal(subCustomer, secondQbo.CustomerRef!.Value);
        foreach (var name in (string[])[customer, location])
        {
            var found = await owner.Qbo.Client.QueryAsync<QboCustomer>(owner.Qbo.Company, Groundwork.QuickBooks.QboQuery.From("Customer").WhereEquals("DisplayName", name), default);
            Assert.Single(found.Items);
        }
    }
}
