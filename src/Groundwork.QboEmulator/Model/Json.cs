using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Groundwork.QboEmulator.Model;

/// <summary>Small typed reads over QBO's loosely typed JSON (numbers may arrive as strings).</summary>
internal static class Json
{
    /// <summary>QBO writes apostrophes and ampersands as-is; the default encoder would write \u0027.</summary>
    public static readonly JsonSerializerOptions Wire = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string? Str(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>()
        : obj[name] is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? n.ToJsonString() : null;

    public static bool? Bool(this JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static decimal? Dec(this JsonObject obj, string name) => Dec(obj[name]);

    public static decimal? Dec(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
            v.TryGetValue<decimal>(out var exact) ? exact : decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static JsonObject? Obj(this JsonObject obj, string name) => obj[name] as JsonObject;

    public static JsonArray? Arr(this JsonObject obj, string name) => obj[name] as JsonArray;

    public static string? RefValue(this JsonObject obj, string name) => obj.Obj(name)?.Str("value");

    public static bool IsActive(this JsonObject obj) => obj.Bool("Active") ?? true;

    /// <summary>A copy without the emulator's internal "__" bookkeeping properties.</summary>
    public static JsonObject Public(this JsonObject doc)
    {
        var copy = doc.DeepClone().AsObject();
        foreach (var key in copy.Select(p => p.Key).Where(k => k.StartsWith("__", StringComparison.Ordinal)).ToList())
        {
            copy.Remove(key);
        }

        return copy;
    }

    public static JsonValue Money(decimal amount) => JsonValue.Create(decimal.Round(amount, 2) / 1.0000000000000000000000000000m)!;
}
