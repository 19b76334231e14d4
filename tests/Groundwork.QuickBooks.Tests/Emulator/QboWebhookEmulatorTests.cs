using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Webhooks;
using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks.Tests.Emulator;

/// <summary>The verifier and parser against webhooks the emulator signs and sends on its own.</summary>
public sealed class QboWebhookEmulatorTests
{
    private const string VerifierToken = "webhook-test-verifier";

    [Theory]
    [InlineData("CloudEvents")]
    [InlineData("Legacy")]
    public async Task Webhook_CustomerCreated_VerifiesAndParsesIntoTheCreateEvent(string format)
    {
        await using var receiver = await LoopbackServer.StartAsync((_, _, response) => LoopbackServer.WriteJsonAsync(response, 200, "{}"));
        await using var emulator = await EmulatorHost.StartAsync();
        await emulator.SubscribeWebhooksAsync(new Uri(receiver.BaseUrl, "webhooks"), format, VerifierToken);
        var (company, _) = await emulator.ConnectAsync();

        var created = await emulator.Client.CreateAsync(company, new QboCustomer { DisplayName = "Webhook Masonry" }, "gw-w1-1-create", CancellationToken.None);
        var delivery = await WaitForDeliveryAsync(emulator, receiver);

        var signature = delivery.Headers[QboWebhookVerifier.SignatureHeader].ToString();
        Assert.True(QboWebhookVerifier.Verify(delivery.RawBody, signature, VerifierToken), "emulator signature rejected");
        Assert.False(QboWebhookVerifier.Verify(delivery.RawBody, signature, "another-token"));
        var events = QboWebhookParser.Parse(delivery.RawBody);
        Assert.Contains(
            events,
            e => e is { EntityName: "Customer", Operation: QboWebhookOperation.Create } && e.EntityId == created.Value.Id && e.RealmId == company.RealmId);
    }

    // The emulator groups events for a window on its own fake clock: tick it until the delivery arrives.
    private static async Task<ReceivedRequest> WaitForDeliveryAsync(EmulatorHost emulator, LoopbackServer receiver)
    {
        for (var i = 0; i < 300 && receiver.Requests.Count == 0; i++)
        {
            emulator.EmulatorTime.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }

        return receiver.Requests.Count > 0 ? receiver.Requests[0] : throw new TimeoutException("The emulator sent no webhook.");
    }
}
