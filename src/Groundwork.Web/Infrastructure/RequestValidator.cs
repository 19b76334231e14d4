using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// Collects DataAnnotations errors, and those of nested items, into field → messages (keyed by property path; the API
/// turns the keys into JSON names). Every string property is also checked to be storable (<see cref="NameRules.IsStorable"/>).
/// </summary>
public sealed class RequestValidator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public RequestValidator Annotations(object instance, string prefix = "")
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(""))
            {
                Add(prefix + member, result.ErrorMessage ?? "Invalid value.");
            }
        }
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType == typeof(string) && property.GetIndexParameters().Length == 0
                && property.GetValue(instance) is string text && !NameRules.IsStorable(text))
            {
                var label = property.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? property.Name;
                Add(prefix + property.Name, $"{label} contains a character that cannot be stored (a NUL or a broken character).");
            }
        }
        return this;
    }

    public RequestValidator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public RequestValidator Check(bool ok, string field, string message) => ok ? this : Add(field, message);

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public Outcome<T> ToOutcome<T>() => Outcome<T>.Invalid(Errors);
}
