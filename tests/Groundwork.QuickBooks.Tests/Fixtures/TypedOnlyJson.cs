using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>QboJson without the extension-data bag: serialising with it shows exactly what the typed properties hold.</summary>
internal static class TypedOnlyJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(StripExtensionData);
        var options = new JsonSerializerOptions(QboJson.Options) { TypeInfoResolver = resolver };
        options.MakeReadOnly();
        return options;
    }

    private static void StripExtensionData(JsonTypeInfo typeInfo)
    {
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].IsExtensionData)
            {
                typeInfo.Properties.RemoveAt(i);
            }
        }
    }
}
