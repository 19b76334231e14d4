using System.Diagnostics;
using System.Globalization;
using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// <c>POST /integrations/quickbooks/webhooks</c> over real HTTP: only Intuit's signature gets anything stored; a signed
/// delivery is stored raw with one event per change, acknowledged at once, and a repeat stores no event twice.
/// </summary>
[Trait("Category", "Database")]
public sealed class WebhookEndpointTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    private static string NewId() => Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    private async Task<int> DeliveriesWithAsync(string marker)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        return await db.QboWebhookDeliveries.CountAsync(d => d.Body.Contains(marker));
    }

    private Task<List<Groundwork.Web.Features.QuickBooks.Sync.Inbound.QboChangeEvent>> EventsAsync(TestUser user, string entityId) =>
        app.WithDbAsync(user, db => db.QboChangeEvents.AsNoTracking().Where(e => e.EntityId == entityId).ToListAsync());

    [Fact]
    public async Task Webhook_WithAForgedSignature_Is401AndStoresNothing()
    {
        var realm = await app.NewCompanyAsync();
        var (user, _) = await app.ConnectedOwnerAsync(realm);
        var id = NewId();
        var body = InboundTestData.CloudEvent(realm, "Invoice", id, "updated", TimeProvider.System.GetUtcNow());

        var response = await app.CreateBrowserClient().PostWebhookAsync(body, verifierToken: "not-the-verifier-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await DeliveriesWithAsync(id));
        Assert.Empty(await EventsAsync(user, id));
    }

    [Fact]
    public async Task Webhook_WithoutASignature_Is401AndStoresNothing()
    {
        var id = NewId();
        var body = InboundTestData.CloudEvent(QboAppFactory.UsRealm, "Invoice", id, "updated", TimeProvider.System.GetUtcNow());

        var response = await app.CreateBrowserClient().PostWebhookAsync(body, verifierToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await DeliveriesWithAsync(id));
    }

    [Fact]
    public async Task Webhook_SignedByIntuit_Is200AtOnceStoredRawAndARepeatAddsNoEvent()
    {
        var realm = await app.NewCompanyAsync();
        var (user, _) = await app.ConnectedOwnerAsync(realm);
        var client = app.CreateBrowserClient();
        (await client.PostWebhookAsync(InboundTestData.CloudEvent(realm, "Invoice", NewId(), "updated", TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        var id = NewId();
        var body = InboundTestData.CloudEvent(realm, "Invoice", id, "updated", TimeProvider.System.GetUtcNow());

        var clock = Stopwatch.StartNew();
        var first = await client.PostWebhookAsync(body);
        clock.Stop();
        var repeat = await client.PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"acknowledged after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(2, await DeliveriesWithAsync(id));
        var stored = Assert.Single(await EventsAsync(user, id));
        Assert.Equal((realm, "Invoice", "Update"), (stored.RealmId, stored.Entity, stored.Operation));
        Assert.Equal(user.OrganizationId, stored.OrganizationId);
    }

    [Fact]
    public async Task Webhook_InTheLegacyFormat_StoresEachEntityAsAnEvent()
    {
        var realm = await app.NewCompanyAsync();
        var (user, _) = await app.ConnectedOwnerAsync(realm);
        var (invoice, payment) = (NewId(), NewId());
        var body = $$$"""
            {"eventNotifications":[{"realmId":"{{{realm}}}","dataChangeEvent":{"entities":[
              {"name":"Invoice","id":"{{{invoice}}}","operation":"Void","lastUpdated":"2026-11-20T10:00:00.000Z"},
              {"name":"Payment","id":"{{{payment}}}","operation":"Delete","lastUpdated":"2026-11-20T10:00:01.000Z"}]}}]}
            """;

        var response = await app.CreateBrowserClient().PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Void", Assert.Single(await EventsAsync(user, invoice)).Operation);
        Assert.Equal("Payment", Assert.Single(await EventsAsync(user, payment)).Entity);
    }

    [Fact]
    public async Task ManyDeliveriesAtOnce_AreWrittenTogether_EachStoredAndEveryEventOnce_RepeatsIncluded()
    {
        var realm = await app.NewCompanyAsync();
        var (user, _) = await app.ConnectedOwnerAsync(realm);
        var marker = NewId();
        var at = TimeProvider.System.GetUtcNow();
        // 60 deliveries of 3 invoice changes each, every second one sent twice at the same moment (both formats alike).
        var bodies = Enumerable.Range(0, 60).Select(d => d % 2 == 0
            ? $$$"""[{{{string.Join(",", Enumerable.Range(0, 3).Select(i => InboundTestData.CloudEvent(realm, "Invoice", $"{marker}{d:00}{i}", "updated", at.AddMilliseconds(d))[1..^1]))}}}]"""
            : $$$"""{"eventNotifications":[{"realmId":"{{{realm}}}","dataChangeEvent":{"entities":[{{{string.Join(",", Enumerable.Range(0, 3).Select(i =>
                $$"""{"name":"Invoice","id":"{{marker}}{{d:00}}{{i}}","operation":"Update","lastUpdated":"2026-11-20T10:00:{{d:00}}.000Z"}"""))}}}]}}]}""").ToList();
        var client = app.CreateBrowserClient();

        var answers = await Task.WhenAll(bodies.Concat(bodies.Where((_, d) => d % 2 == 1)).Select(b => client.PostWebhookAsync(b)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(90, await DeliveriesWithAsync(marker));
        var stored = await app.WithDbAsync(user, db => db.QboChangeEvents.AsNoTracking().Where(e => e.EntityId.StartsWith(marker)).Select(e => e.EntityId).ToListAsync());
        Assert.Equal(180, stored.Count);
        Assert.Equal(180, stored.Distinct().Count());
    }

    [Fact]
    public async Task Webhook_ForARealmNoOrganizationConnected_IsAcknowledgedAndStoresNoEvent()
    {
        var id = NewId();
        var body = InboundTestData.CloudEvent("123456789012345", "Invoice", id, "created", TimeProvider.System.GetUtcNow());

        var response = await app.CreateBrowserClient().PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await DeliveriesWithAsync(id));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        Assert.False(await db.QboChangeEvents.IgnoreQueryFilters().AnyAsync(e => e.EntityId == id));
    }

    [Fact]
    public async Task Webhook_RightAfterConnecting_FindsTheOrganization_ThoughTheRealmWasLookedUpJustBefore()
    {
        var realm = await app.NewCompanyAsync();
        var client = app.CreateBrowserClient();
        var early = NewId();
        // Not connected yet: the realm's (empty) answer is now remembered for a few seconds.
        (await client.PostWebhookAsync(InboundTestData.CloudEvent(realm, "Invoice", early, "updated", TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        var (user, _) = await app.ConnectedOwnerAsync(realm);
        var id = NewId();

        (await client.PostWebhookAsync(InboundTestData.CloudEvent(realm, "Invoice", id, "updated", TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();

        Assert.Empty(await EventsAsync(user, early));
        var stored = Assert.Single(await EventsAsync(user, id));
        Assert.Equal(user.OrganizationId, stored.OrganizationId);
    }

    [Fact]
    public async Task EmbeddedEmulator_DevApp_SendsItsWebhooksToThisApp()
    {
        var apps = await (await app.CreateEmulatorAdminClient().GetAsync("/qbo/admin/api/apps")).ReadJsonAsync();

        var dev = apps.EnumerateArray().Single(a => a.GetProperty("clientId").GetString() == Groundwork.QboEmulator.QboEmulatorDevApp.ClientId);
        Assert.Equal($"{app.BaseAddress}integrations/quickbooks/webhooks", dev.GetProperty("webhookUrl").GetString());
        Assert.Equal(Groundwork.QboEmulator.QboEmulatorDevApp.VerifierToken, dev.GetProperty("verifierToken").GetString());
    }

    [Fact]
    public async Task Webhook_LargerThanOneMebibyte_Is413()
    {
        var body = "[" + new string(' ', 1024 * 1024) + "]";

        var response = await app.CreateBrowserClient().PostWebhookAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
