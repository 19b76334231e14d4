using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.QuickBooks.Wire;

/// <summary>
/// Base of every QBO wire object. Fields we do not model are kept, not dropped: a full update clears any writable
/// field left out, so a read-modify-write must send back what QBO sent us even when we do not understand it.
/// </summary>
public abstract record QboObject
{
    /// <summary>Fields QBO sent that this type does not model, written back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>Base of every QBO entity: identity, version and read-only metadata.</summary>
public abstract record QboEntity : QboObject
{
    /// <summary>System-assigned id; required for update and delete.</summary>
    public string? Id { get; init; }

    /// <summary>Version string, incremented by QBO on every change; required for update and delete.</summary>
    public string? SyncToken { get; init; }

    /// <summary>Always "QBO" in responses.</summary>
    [JsonPropertyName("domain")]
    public string? Domain { get; init; }

    /// <summary>True on a sparse update: only the fields sent change.</summary>
    [JsonPropertyName("sparse")]
    public bool? Sparse { get; init; }

    /// <summary>"Deleted" on delete responses and deleted CDC entries; "Voided" where QBO reports it.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Create and last-update times (read-only).</summary>
    public QboMetaData? MetaData { get; init; }
}

/// <summary>Links a wire record to QBO's entity name, which names the JSON envelope property and the URL segment.</summary>
public interface IQboEntity<TSelf>
    where TSelf : QboEntity, IQboEntity<TSelf>
{
    /// <summary>QBO's entity name as it appears in JSON and queries, e.g. <c>Invoice</c>.</summary>
    static abstract string EntityName { get; }

    /// <summary>How QBO voids this entity; most cannot be voided.</summary>
    static virtual QboVoidStyle VoidStyle => QboVoidStyle.NotSupported;
}

/// <summary>The two ways QBO voids a transaction (API.md §3.1).</summary>
public enum QboVoidStyle
{
    /// <summary>QBO has no void for this entity.</summary>
    NotSupported,

    /// <summary><c>POST /{entity}?operation=void</c> with Id and SyncToken (Invoice, SalesReceipt).</summary>
    OperationVoid,

    /// <summary>Sparse update with <c>include=void</c> (Payment, BillPayment).</summary>
    IncludeVoid,
}
