using System.Text.Json.Serialization;

namespace Groundwork.QuickBooks.Wire;

/// <summary>A reference to another entity: <c>{"value": id, "name": display name}</c>.</summary>
public sealed record QboRef(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("name")] string? Name = null) : QboObject;

/// <summary>Read-only create and update times, local time with offset as QBO sends them.</summary>
public sealed record QboMetaData : QboObject
{
    public DateTimeOffset? CreateTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }
}

/// <summary>A transaction linked to this one (payments applied, estimate converted, …).</summary>
public sealed record QboLinkedTxn : QboObject
{
    public string? TxnId { get; init; }

    public string? TxnType { get; init; }

    public string? TxnLineId { get; init; }
}

/// <summary>QBO's PhysicalAddress.</summary>
public sealed record QboPhysicalAddress : QboObject
{
    public string? Id { get; init; }

    public string? Line1 { get; init; }

    public string? Line2 { get; init; }

    public string? Line3 { get; init; }

    public string? Line4 { get; init; }

    public string? Line5 { get; init; }

    public string? City { get; init; }

    public string? CountrySubDivisionCode { get; init; }

    public string? PostalCode { get; init; }

    public string? Country { get; init; }

    /// <summary>Geocode as a string; QBO sends "INVALID" when it could not geocode.</summary>
    public string? Lat { get; init; }

    /// <summary>Geocode as a string; QBO sends "INVALID" when it could not geocode.</summary>
    public string? Long { get; init; }
}

/// <summary><c>{"Address": "…"}</c>.</summary>
public sealed record QboEmailAddress : QboObject
{
    public string? Address { get; init; }
}

/// <summary><c>{"FreeFormNumber": "…"}</c>.</summary>
public sealed record QboTelephoneNumber : QboObject
{
    public string? FreeFormNumber { get; init; }
}

/// <summary><c>{"URI": "…"}</c>.</summary>
public sealed record QboWebSiteAddress : QboObject
{
    [JsonPropertyName("URI")]
    public string? Uri { get; init; }
}

/// <summary>A memo object: <c>{"value": "…"}</c>.</summary>
public sealed record QboMemo : QboObject
{
    [JsonPropertyName("value")]
    public string? Value { get; init; }
}

/// <summary>A name/value pair (CompanyInfo.NameValue, OtherPrefs.NameValue).</summary>
public sealed record QboNameValue : QboObject
{
    public string? Name { get; init; }

    public string? Value { get; init; }
}

/// <summary>A custom field on a transaction.</summary>
public sealed record QboCustomField : QboObject
{
    public string? DefinitionId { get; init; }

    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? StringValue { get; init; }
}
