using System.Text;
using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Webhooks;

namespace Groundwork.QuickBooks.Tests.Webhooks;

public sealed class QboWebhookTests
{
    private const string Dir = "intuit-dotnet-sdk-webhooks/";

    [Fact]
    public void Verify_RecordedSignatureVector_IsValid()
    {
        var (body, token, signature) = Vector();

        Assert.True(QboWebhookVerifier.Verify(body, signature, token));
    }

    [Fact]
    public void Verify_BodyChangedByOneByte_IsRejected()
    {
        var (body, token, signature) = Vector();
        body[^3] ^= 0x01;

        Assert.False(QboWebhookVerifier.Verify(body, signature, token));
    }

    [Fact]
    public void Verify_WrongVerifierToken_IsRejected()
    {
        var (body, token, signature) = Vector();

        Assert.False(QboWebhookVerifier.Verify(body, signature, token.Replace('0', '1')));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Verify_MissingOrMalformedSignature_IsRejected(string? signature)
    {
        var (body, token, _) = Vector();

        Assert.False(QboWebhookVerifier.Verify(body, signature, token));
    }

    [Fact]
    public void Verify_EmptyVerifierToken_RejectsEvenAMatchingSignature()
    {
        var body = Encoding.UTF8.GetBytes("{}");
        var signature = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Array.Empty<byte>(), body));

        Assert.False(QboWebhookVerifier.Verify(body, signature, ""));
    }

    [Fact]
    public void Parse_RecordedLegacyPayload_YieldsOneEventPerEntity()
    {
        var events = QboWebhookParser.Parse(Fixture("legacy_eventNotifications_payload.json"));

        Assert.Equal(2, events.Count);
        Assert.Equal(
            new QboWebhookEvent("1269959970", "Vendor", "40", QboWebhookOperation.Update, new DateTimeOffset(2016, 10, 5, 3, 9, 4, TimeSpan.Zero)),
            events[0]);
        Assert.Equal(
            new QboWebhookEvent("1269959970", "Customer", "43", QboWebhookOperation.Create, new DateTimeOffset(2016, 10, 5, 3, 7, 4, TimeSpan.Zero)),
            events[1]);
    }

    [Fact]
    public void Parse_RecordedCloudEvent_MapsTypeToEntityAndOperation()
    {
        var events = QboWebhookParser.Parse(Fixture("cloudevents_payload.json"));

        var e = Assert.Single(events);
        Assert.Equal("310687", e.RealmId);
        Assert.Equal("Class", e.EntityName);
        Assert.Equal("1234", e.EntityId);
        Assert.Equal(QboWebhookOperation.Create, e.Operation);
        Assert.Equal("d1a3aedd-9670-41bf-a4f9-c148a1cc4e03", e.EventId);
        Assert.Equal(new DateTimeOffset(2025, 10, 7, 19, 59, 7, TimeSpan.Zero), e.OccurredAt?.AddTicks(-(e.OccurredAt.Value.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public void Parse_CloudEventMergeOfBillPayment_RestoresCasingAndDeletedId()
    {
        var body = """[{"specversion":"1.0","id":"e1","source":"intuit.x","type":"qbo.billpayment.merged.v1","time":"2026-03-01T10:00:00Z","intuitentityid":"7","intuitaccountid":"42","data":{"deletedid":"6"}}]""";

        var e = Assert.Single(QboWebhookParser.Parse(Encoding.UTF8.GetBytes(body)));

        Assert.Equal("BillPayment", e.EntityName);
        Assert.Equal(QboWebhookOperation.Merge, e.Operation);
        Assert.Equal("6", e.DeletedId);
    }

    [Fact]
    public void Parse_ObjectWithoutEventNotifications_IsRejected()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => QboWebhookParser.Parse("""{"hello":1}"""u8));
    }

    private static (byte[] Body, string Token, string Signature) Vector()
    {
        var vector = System.Text.Json.JsonDocument.Parse(QboFixtures.ReadText(Dir + "signature_vector.json")).RootElement;
        return (
            Fixture(vector.GetProperty("payload_file").GetString()!),
            vector.GetProperty("verifier_token").GetString()!,
            vector.GetProperty("intuit_signature").GetString()!);
    }

    private static byte[] Fixture(string name)
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        return QboFixtures.ReadBytes(Dir + name);
    }
}
