using System.Globalization;
using System.Text.Json;

namespace Groundwork.QuickBooks.Webhooks;

/// <summary>
/// Reads both webhook formats into <see cref="QboWebhookEvent"/>s: the CloudEvents array
/// (<c>[{"type":"qbo.invoice.created.v1",…}]</c>) and the legacy <c>{"eventNotifications":[…]}</c> object.
/// </summary>
public static class QboWebhookParser
{
    // CloudEvents types carry the entity in lower case; these restore QBO's casing for entities with webhooks.
    private static readonly Dictionary<string, string> EntityNames = new[]
    {
        "Account", "Bill", "BillPayment", "Budget", "Class", "CreditMemo", "Currency", "Customer", "Department", "Deposit",
        "Employee", "Estimate", "Invoice", "Item", "JournalCode", "JournalEntry", "Payment", "PaymentMethod", "Preferences",
        "Purchase", "PurchaseOrder", "RefundReceipt", "SalesReceipt", "TaxAgency", "Term", "TimeActivity", "Transfer",
        "Vendor", "VendorCredit",
    }.ToDictionary(n => n.ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>Parses a verified body. Throws <see cref="JsonException"/> when it is neither format.</summary>
    public static IReadOnlyList<QboWebhookEvent> Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray().Select(FromCloudEvent)],
            JsonValueKind.Object when root.TryGetProperty("eventNotifications", out var notifications) => FromLegacy(notifications),
            _ => throw new JsonException("Not a QuickBooks webhook payload."),
        };
    }

    private static QboWebhookEvent FromCloudEvent(JsonElement e)
    {
        // type = qbo.<entity>.<operation>.v<version>
        var parts = Text(e, "type")?.Split('.') ?? [];
        if (parts.Length < 3 || parts[0] != "qbo")
        {
            throw new JsonException($"Unknown CloudEvents type '{Text(e, "type")}'.");
        }

        var deletedId = e.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? Text(data, "deletedid") ?? Text(data, "deletedId")
            : null;
        return new QboWebhookEvent(
            Required(e, "intuitaccountid"),
            EntityName(parts[1]),
            Required(e, "intuitentityid"),
            Operation(parts[2]),
            Time(Text(e, "time")),
            Text(e, "id"),
            deletedId);
    }

    private static List<QboWebhookEvent> FromLegacy(JsonElement notifications)
    {
        var events = new List<QboWebhookEvent>();
        foreach (var notification in notifications.EnumerateArray())
        {
            var realm = Required(notification, "realmId");
            if (!notification.TryGetProperty("dataChangeEvent", out var change)
                || !change.TryGetProperty("entities", out var entities))
            {
                continue;
            }

            events.AddRange(entities.EnumerateArray().Select(entity => new QboWebhookEvent(
                realm,
                EntityName(Required(entity, "name")),
                Required(entity, "id"),
                Operation(Required(entity, "operation")),
                Time(Text(entity, "lastUpdated")),
                DeletedId: Text(entity, "deletedId"))));
        }

        return events;
    }

    private static QboWebhookOperation Operation(string name) => name.ToLowerInvariant() switch
    {
        "create" or "created" => QboWebhookOperation.Create,
        "update" or "updated" => QboWebhookOperation.Update,
        "delete" or "deleted" => QboWebhookOperation.Delete,
        "merge" or "merged" => QboWebhookOperation.Merge,
        "void" or "voided" => QboWebhookOperation.Void,
        "emailed" => QboWebhookOperation.Emailed,
        _ => QboWebhookOperation.Unknown,
    };

    private static string EntityName(string name) =>
        EntityNames.TryGetValue(name.ToLowerInvariant(), out var known) ? known : name;

    private static DateTimeOffset? Time(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Required(JsonElement element, string name) =>
        Text(element, name) ?? throw new JsonException($"Webhook payload lacks '{name}'.");
}
