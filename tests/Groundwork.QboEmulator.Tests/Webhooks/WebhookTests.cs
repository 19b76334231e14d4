using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.QboEmulator.Tests.Webhooks;

public sealed class WebhookTests
{
    private const string Verifier = "verifier-123";

    private static Task<TestEmulator> StartAsync(CapturingHandler handler, string format = "CloudEvents") =>
        TestEmulator.StartAsync(
            o => o.ClientApps.Add(new QboEmulatorClientApp
            {
                ClientId = TestEmulator.ClientId, ClientSecret = TestEmulator.ClientSecret, WebhookUrl = "http://hooks.test/qbo",
                VerifierToken = Verifier, WebhookFormat = format, DisconnectUrl = "http://hooks.test/disconnect",
            }),
            services: s => s.AddHttpClient("Groundwork.QboEmulator.Outbound").ConfigurePrimaryHttpMessageHandler(() => handler));

    [Fact]
    public async Task CustomerCreated_CloudEventSignedWithVerifierToken()
    {
        var handler = new CapturingHandler();
        await using var emulator = await StartAsync(handler);
        var api = await emulator.ApiAsync();

        var id = (string)(await api.PostAsync("customer", """{"DisplayName":"Hooked Co"}""")).Json["Customer"]!["Id"]!;
        var delivery = await WaitForAsync(emulator, handler, 1);

        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Verifier), Encoding.UTF8.GetBytes(delivery[0].Body)));
        Assert.Equal(expected, delivery[0].Signature);
        var ev = JsonNode.Parse(delivery[0].Body)!.AsArray()[0]!;
        Assert.Equal("qbo.customer.created.v1", (string?)ev["type"]);
        Assert.Equal(id, (string?)ev["intuitentityid"]);
        Assert.Equal(TestEmulator.UsRealm, (string?)ev["intuitaccountid"]);
        Assert.Equal("1.0", (string?)ev["specversion"]);
    }

    [Fact]
    public async Task ChangesWithinWindow_GroupedInOneDelivery()
    {
        var handler = new CapturingHandler();
        await using var emulator = await StartAsync(handler);
        var api = await emulator.ApiAsync();

        await api.PostAsync("customer", """{"DisplayName":"Group A"}""");
        await api.PostAsync("vendor", """{"DisplayName":"Group B"}""");
        var deliveries = await WaitForAsync(emulator, handler, 1);

        Assert.Single(deliveries);
        var types = JsonNode.Parse(deliveries[0].Body)!.AsArray().Select(e => (string)e!["type"]!).ToList();
        Assert.Equal(["qbo.customer.created.v1", "qbo.vendor.created.v1"], types);
    }

    [Fact]
    public async Task LegacyFormat_EventNotificationsWithOperation()
    {
        var handler = new CapturingHandler();
        await using var emulator = await StartAsync(handler, "Legacy");
        var api = await emulator.ApiAsync();

        await api.PostAsync("invoice?operation=void", """{"Id":"1","SyncToken":"0"}""");
        var delivery = await WaitForAsync(emulator, handler, 1);

        var body = JsonNode.Parse(delivery[0].Body)!;
        var entity = body["eventNotifications"]![0]!["dataChangeEvent"]!["entities"]![0]!;
        Assert.Equal(TestEmulator.UsRealm, (string?)body["eventNotifications"]![0]!["realmId"]);
        Assert.Equal("Invoice", (string?)entity["name"]);
        Assert.Equal("Void", (string?)entity["operation"]);
    }

    [Fact]
    public async Task EndpointAnswers500_RetriedAfterTenSecondsWithSameEvents()
    {
        var handler = new CapturingHandler();
        handler.Statuses.Enqueue(HttpStatusCode.InternalServerError);
        await using var emulator = await StartAsync(handler);
        var api = await emulator.ApiAsync();

        await api.PostAsync("customer", """{"DisplayName":"Retry Co"}""");
        var first = await WaitForAsync(emulator, handler, 1);
        var both = await WaitForAsync(emulator, handler, 2, step: TimeSpan.FromSeconds(5));

        Assert.Single(first);
        Assert.Equal(both[0].Body, both[1].Body);
    }

    [Fact]
    public async Task EndpointSilentFor3Seconds_CountsAsFailureAndIsRetried()
    {
        var handler = new CapturingHandler { HangNext = 1 };
        await using var emulator = await StartAsync(handler);
        var api = await emulator.ApiAsync();

        await api.PostAsync("customer", """{"DisplayName":"Slow Endpoint Co"}""");
        var both = await WaitForAsync(emulator, handler, 2, step: TimeSpan.FromSeconds(1));

        Assert.Equal(2, both.Count);
        Assert.Equal(both[0].Body, both[1].Body);
    }

    [Fact]
    public async Task DisconnectFromQuickBooksSide_RevokesTokensAndCallsDisconnectUrl()
    {
        var handler = new CapturingHandler();
        await using var emulator = await StartAsync(handler);
        var api = await emulator.ApiAsync();

        using var response = await emulator.Client.PostAsync($"/qbo/admin/api/companies/{TestEmulator.UsRealm}/disconnect", null);
        var call = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
        var disconnect = Assert.Single(handler.Requests, r => r.Url.AbsolutePath == "/disconnect");
        Assert.Contains($"realmId={TestEmulator.UsRealm}", disconnect.Url.Query, StringComparison.Ordinal);
    }

    private static async Task<List<CapturedRequest>> WaitForAsync(TestEmulator emulator, CapturingHandler handler, int count, TimeSpan? step = null)
    {
        for (var i = 0; i < 1000 && handler.Requests.Count(r => r.Url.AbsolutePath == "/qbo") < count; i++)
        {
            emulator.Time.Advance(step ?? TimeSpan.FromMilliseconds(500));
            await Task.Delay(10);
        }

        return [.. handler.Requests.Where(r => r.Url.AbsolutePath == "/qbo")];
    }
}
