using System.Collections.Frozen;
using System.Reflection;

namespace Groundwork.QuickBooks.Wire;

/// <summary>
/// Finds an entity in an envelope by the entity's QBO name: an envelope's typed property is named exactly as
/// <see cref="IQboEntity{T}.EntityName"/>, so the properties themselves are the registry and no second list can drift.
/// Asking for an entity the envelope does not model is a programming error and throws, rather than reading as "none".
/// </summary>
internal static class QboEntityRegistry<TEnvelope>
{
    private static readonly FrozenDictionary<string, PropertyInfo> Properties = typeof(TEnvelope)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0)
        .ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);

    public static object? Read<T>(TEnvelope envelope)
        where T : QboEntity, IQboEntity<T> =>
        Properties.TryGetValue(T.EntityName, out var property)
            ? property.GetValue(envelope)
            : throw new NotSupportedException(
                $"{typeof(TEnvelope).Name} has no {T.EntityName} property: add one named after {typeof(T).Name}.EntityName to read it.");
}
