using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.QuickBooks.Wire;

/// <summary>The body of <c>POST /batch</c>: at most 30 items.</summary>
public sealed record QboBatchRequest : QboObject
{
    public required IReadOnlyList<QboBatchItemRequest> BatchItemRequest { get; init; }
}

/// <summary>
/// One batch item: an operation on one entity, or a query. The entity travels under its QBO name,
/// which is why it is kept as raw JSON rather than one property per entity type.
/// </summary>
public sealed record QboBatchItemRequest : QboObject
{
    /// <summary>Unique within the batch; at most 10 chars when a requestid is sent.</summary>
    [JsonPropertyName("bId")]
    public required string BatchId { get; init; }

    /// <summary>create, update or delete; null for a query.</summary>
    [JsonPropertyName("operation")]
    public string? Operation { get; init; }

    /// <summary>"void" together with operation update.</summary>
    [JsonPropertyName("optionsData")]
    public string? OptionsData { get; init; }

    public string? Query { get; init; }

    /// <summary>An item that creates, updates (full or sparse) or deletes <paramref name="entity"/>.</summary>
    public static QboBatchItemRequest For<T>(string batchId, QboBatchOperation operation, T entity)
        where T : QboEntity, IQboEntity<T>
    {
        ArgumentNullException.ThrowIfNull(entity);
        var (op, options) = operation switch
        {
            QboBatchOperation.Create => ("create", (string?)null),
            QboBatchOperation.Update => ("update", null),
            QboBatchOperation.Delete => ("delete", null),
            QboBatchOperation.Void => ("update", "void"),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        var body = JsonSerializer.SerializeToElement(entity, QboJson.Options);
        return new QboBatchItemRequest
        {
            BatchId = batchId,
            Operation = op,
            OptionsData = options,
            AdditionalProperties = new Dictionary<string, JsonElement> { [T.EntityName] = body },
        };
    }

    /// <summary>An item that runs a query.</summary>
    public static QboBatchItemRequest ForQuery(string batchId, QboQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new QboBatchItemRequest { BatchId = batchId, Query = query.ToString() };
    }
}

/// <summary>What a batch item does.</summary>
public enum QboBatchOperation
{
    Create,
    Update,
    Delete,
    Void,
}

/// <summary>One batch item's answer: an entity, a query response, or its own fault (the batch itself is still 200).</summary>
public sealed record QboBatchItemResponse : QboEntitySet
{
    [JsonPropertyName("bId")]
    public string? BatchId { get; init; }

    public QboFaultBody? Fault { get; init; }

    public QboQueryResponse? QueryResponse { get; init; }
}
