using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks;

/// <summary>
/// What QBO (or Intuit's OAuth server) said went wrong, normalised from every shape it uses:
/// <c>{"Fault":{"Error":[…],"type"}}</c>, the gateway's lower-case <c>{"fault":{"error":[…]}}</c>,
/// and OAuth's <c>{"error":"invalid_grant"}</c>. The first error is the headline; all are kept.
/// </summary>
public sealed record QboFault(
    string? Code,
    string Message,
    string? Detail,
    string? Element,
    string? FaultType,
    string? IntuitTid,
    IReadOnlyList<QboError> Errors)
{
    /// <summary>QBO's stale SyncToken code.</summary>
    public const string StaleObjectCode = "5010";

    /// <summary>QBO's "Object Not Found": what reading a deleted transaction answers (also an inactive name in a reference).</summary>
    public const string ObjectNotFoundCode = "610";

    /// <summary>From a wire fault object (an API response or a batch item).</summary>
    public static QboFault FromBody(QboFaultBody body, string? intuitTid)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = body.Error ?? [];
        var first = errors.Count > 0 ? errors[0] : null;
        return new QboFault(
            NullIfEmpty(first?.Code),
            first?.Message ?? body.Type ?? "QuickBooks returned a fault without a message.",
            NullIfEmpty(first?.Detail),
            NullIfEmpty(first?.Element),
            body.Type,
            intuitTid,
            errors);
    }

    /// <summary>From any error body. Never throws: an unreadable body still yields a fault naming the HTTP status.</summary>
    public static QboFault Parse(string? body, HttpStatusCode? status, string? intuitTid)
    {
        var fallback = new QboFault(null, Describe(status), NullIfEmpty(body?.Trim()), null, null, intuitTid, []);
        if (string.IsNullOrWhiteSpace(body))
        {
            return fallback;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return FromJson(document.RootElement, intuitTid) ?? fallback;
        }
        catch (JsonException)
        {
            // Proxies and load balancers answer in HTML; the raw text is the best detail we have.
            return fallback;
        }
    }

    private static QboFault? FromJson(JsonElement root, string? intuitTid)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals("Fault") || property.NameEquals("fault"))
            {
                var body = property.Value.Deserialize<QboFaultBody>(QboJson.Options);
                return body is null ? null : FromBody(body, intuitTid);
            }
        }

        return FromOAuthError(root, intuitTid);
    }

    // OAuth error bodies: {"error":"invalid_grant","error_description":"…"}; the code is the error string.
    private static QboFault? FromOAuthError(JsonElement root, string? intuitTid)
    {
        if (!root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var code = error.GetString();
        var description = root.TryGetProperty("error_description", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString()
            : null;
        return new QboFault(code, description ?? code ?? "OAuth error", description, null, "OAuth", intuitTid, []);
    }

    private static string Describe(HttpStatusCode? status) =>
        status is { } s ? $"QuickBooks answered HTTP {(int)s} {s}." : "No answer from QuickBooks (connection failed or timed out).";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
