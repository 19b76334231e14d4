using System.Text.Json.Nodes;

namespace Groundwork.QboEmulator.Infrastructure;

/// <summary>One entry of a QBO <c>Fault.Error</c> array.</summary>
internal sealed record QboError(string Code, string Message, string Detail, string Element = "");

/// <summary>
/// A QBO fault raised anywhere in request handling; rendered in Intuit's <c>{"Fault":{...}}</c> shape.
/// Validation is deep in per-entity rules, so an exception keeps every rule a one-liner.
/// </summary>
internal sealed class QboException(int status, string type, QboError error) : Exception(error.Message)
{
    public int Status { get; } = status;

    public string FaultType { get; } = type;

    public QboError Error { get; } = error;

    /// <summary>Intuit's 2030 "Invalid ID" answer carries no <c>time</c> (fixture error__500__1).</summary>
    public bool WithoutTime { get; init; }

    public JsonObject ToFault() => new()
    {
        ["Error"] = new JsonArray(new JsonObject
        {
            ["Message"] = Error.Message,
            ["Detail"] = Error.Detail,
            ["code"] = Error.Code,
            ["element"] = Error.Element,
        }),
        ["type"] = FaultType,
    };
}
