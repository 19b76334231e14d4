using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.QuickBooks;

/// <summary>The one set of JSON settings for QBO bodies.</summary>
public static class QboJson
{
    /// <summary>
    /// Property names as QBO spells them (set per property); matching is case-insensitive because the API gateway
    /// answers some faults in lower case; nulls are not written, so a sparse update sends only what is set.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Some QBO numbers (rates, amounts in older payloads) arrive as strings.
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
