using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Webhooks;

/// <summary>Intuit's two webhook bodies and the <c>intuit-signature</c> (base64 HMAC-SHA256 of the raw body, key = verifier token).</summary>
internal static class WebhookPayloads
{
    public static string CloudEvents(IEnumerable<ChangeEvent> events) => new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
    {
        ["specversion"] = "1.0",
        ["id"] = Guid.NewGuid().ToString(),
        ["source"] = "intuit.qbo-emulator",
        ["type"] = $"qbo.{e.Entity.ToLowerInvariant()}.{Verb(e.Operation)}.v1",
        ["datacontenttype"] = "application/json",
        ["time"] = Utc(e.At),
        ["intuitentityid"] = e.Id,
        ["intuitaccountid"] = e.RealmId,
        ["data"] = new JsonObject(),
    })]).ToJsonString(Model.Json.Wire);

    public static string Legacy(string realmId, IEnumerable<ChangeEvent> events) => new JsonObject
    {
        ["eventNotifications"] = new JsonArray(new JsonObject
        {
            ["realmId"] = realmId,
            ["dataChangeEvent"] = new JsonObject
            {
                ["entities"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
                {
                    ["name"] = e.Entity, ["id"] = e.Id, ["operation"] = e.Operation, ["lastUpdated"] = Utc(e.At),
                })]),
            },
        }),
    }.ToJsonString(Model.Json.Wire);

    public static string Sign(string verifierToken, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body));

    private static string Verb(string operation) => operation switch
    {
        "Create" => "created",
        "Delete" => "deleted",
        "Void" => "voided",
        "Merge" => "merged",
        "Emailed" => "emailed",
        _ => "updated",
    };

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
