namespace Groundwork.Web.Infrastructure;

public enum OutcomeKind
{
    Ok,
    Invalid,
    NotFound,
    Conflict,
}

/// <summary>What a use case returns: a value, or why not. Expected failures are values, not exceptions.</summary>
public sealed class Outcome<T>
{
    private Outcome(OutcomeKind kind, T? value, IReadOnlyDictionary<string, string[]>? errors, string? message,
        IDictionary<string, object?>? extensions = null)
    {
        Extensions = extensions;
        Kind = kind;
        Value = value;
        Errors = errors ?? new Dictionary<string, string[]>();
        Message = message;
    }

    public OutcomeKind Kind { get; }
    public T? Value { get; }
    public IReadOnlyDictionary<string, string[]> Errors { get; }
    public string? Message { get; }
    public bool IsOk => Kind == OutcomeKind.Ok;
    /// <summary>A refusal's machine-readable details (a problem code, where to fix it): extra members of the API's problem body.</summary>
    public IDictionary<string, object?>? Extensions { get; }

    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value, null, null);
    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(OutcomeKind.Invalid, default, errors, "The request has invalid fields.");
    public static Outcome<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });
    public static Outcome<T> NotFound(string message) => new(OutcomeKind.NotFound, default, null, message);
    public static Outcome<T> Conflict(string message, IDictionary<string, object?>? extensions = null) =>
        new(OutcomeKind.Conflict, default, null, message, extensions);
}
