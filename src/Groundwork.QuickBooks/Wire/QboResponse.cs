using System.Text.Json.Serialization;

namespace Groundwork.QuickBooks.Wire;

/// <summary>
/// Any QBO API response body: one entity, a query, a batch, a CDC answer or a fault, plus <c>time</c>.
/// Property names match case-insensitively, so the gateway's lower-case 401 body binds too.
/// </summary>
public sealed record QboResponse : QboEntitySet
{
    /// <summary>Server time: local time with offset, or epoch milliseconds in gateway bodies.</summary>
    [JsonPropertyName("time")]
    [JsonConverter(typeof(QboTimeConverter))]
    public DateTimeOffset? Time { get; init; }

    public QboFaultBody? Fault { get; init; }

    public QboQueryResponse? QueryResponse { get; init; }

    public IReadOnlyList<QboBatchItemResponse>? BatchItemResponse { get; init; }

    [JsonPropertyName("CDCResponse")]
    public IReadOnlyList<QboCdcResult>? CdcResponse { get; init; }
}

/// <summary>One element of <c>CDCResponse</c>: a query response per requested entity.</summary>
public sealed record QboCdcResult : QboObject
{
    public IReadOnlyList<QboQueryResponse>? QueryResponse { get; init; }

    /// <summary>Every changed <typeparamref name="T"/>, deleted ones included (status "Deleted", Id and MetaData only).</summary>
    public IEnumerable<T> Get<T>()
        where T : QboEntity, IQboEntity<T> => (QueryResponse ?? []).SelectMany(q => q.Get<T>());
}

/// <summary>The fault object, in either casing: <c>Fault.Error[]</c> or the gateway's <c>fault.error[]</c>.</summary>
public sealed record QboFaultBody : QboObject
{
    public IReadOnlyList<QboError>? Error { get; init; }

    /// <summary>ValidationFault, SystemFault, AuthenticationFault, AUTHENTICATION, SERVICE, …</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}

/// <summary>One error of a fault.</summary>
public sealed record QboError : QboObject
{
    public string? Message { get; init; }

    public string? Detail { get; init; }

    /// <summary>QBO's numeric code as a string, e.g. "6240".</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>The field at fault; may be empty or null.</summary>
    [JsonPropertyName("element")]
    public string? Element { get; init; }
}
