namespace Groundwork.QuickBooks.Webhooks;

/// <summary>One change notification, whichever payload format carried it. The payload has ids only: fetch the entity.</summary>
/// <param name="RealmId">The company.</param>
/// <param name="EntityName">QBO entity name, e.g. <c>Invoice</c>, <c>BillPayment</c>.</param>
/// <param name="EntityId">The changed entity's id.</param>
/// <param name="Operation">What happened.</param>
/// <param name="OccurredAt">Legacy <c>lastUpdated</c> or CloudEvents <c>time</c>.</param>
/// <param name="EventId">CloudEvents id (null in the legacy format): the key for de-duplicating deliveries.</param>
/// <param name="DeletedId">For merges: the id that was merged away.</param>
public sealed record QboWebhookEvent(
    string RealmId,
    string EntityName,
    string EntityId,
    QboWebhookOperation Operation,
    DateTimeOffset? OccurredAt,
    string? EventId = null,
    string? DeletedId = null);

/// <summary>Webhook operations (legacy names; CloudEvents' created/updated/… map onto them).</summary>
public enum QboWebhookOperation
{
    Unknown,
    Create,
    Update,
    Delete,
    Merge,
    Void,
    Emailed,
}
