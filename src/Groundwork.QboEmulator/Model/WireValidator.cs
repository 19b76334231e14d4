using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>QBO deserialises bodies strictly (Jackson): unknown properties and wrong types are 2010, long strings 2050.</summary>
internal static class WireValidator
{
    public static void Validate(EntityDef def, JsonObject body)
    {
        ValidateTop(def, body);
        if (def.Kind == EntityKind.Transaction)
        {
            LineSchema.Validate(body);
        }
    }

    private static void ValidateTop(EntityDef def, JsonObject body)
    {
        foreach (var (name, value) in body)
        {
            if (!def.Fields.TryGetValue(name, out var spec))
            {
                throw Faults.V("2010", "Request has invalid or unsupported property",
                    $"Property Name:Unrecognized field \"{name}\" (class com.intuit.schema.finance.v3.{def.Name}), not marked as ignorable");
            }

            if (value is null)
            {
                continue;
            }

            if (!KindMatches(spec.Kind, value))
            {
                throw Faults.Unsupported($"Can not deserialize value of {name}");
            }

            if (spec.Kind == 's' && spec.MaxLength > 0 && value.GetValue<string>().Length > spec.MaxLength)
            {
                throw Faults.TooLong(name, spec.MaxLength);
            }
        }
    }

    private static bool KindMatches(char kind, JsonNode value) => kind switch
    {
        's' => value.GetValueKind() == JsonValueKind.String,
        'b' => value.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        'n' => value.GetValueKind() == JsonValueKind.Number || IsNumericString(value),
        'r' => value is JsonObject ref_ && ref_["value"]?.GetValueKind() is JsonValueKind.String or JsonValueKind.Number,
        'o' => value is JsonObject,
        'a' => value is JsonArray,
        'd' => value.GetValueKind() == JsonValueKind.String && IsDate(value.GetValue<string>()),
        _ => true,
    };

    private static bool IsNumericString(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String
        && decimal.TryParse(value.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out _);

    private static bool IsDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
