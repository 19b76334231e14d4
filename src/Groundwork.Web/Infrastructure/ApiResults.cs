using System.Text.Json;

namespace Groundwork.Web.Infrastructure;

/// <summary>Turns a use case's outcome into the API answer: the value, or a problem body with a 4xx status.</summary>
internal static class ApiResults
{
    public static IResult From<T, TDto>(Outcome<T> outcome, Func<T, TDto> map, int okStatus = StatusCodes.Status200OK) => outcome.Kind switch
    {
        OutcomeKind.Ok when okStatus != StatusCodes.Status200OK => TypedResults.Json(map(outcome.Value!), statusCode: okStatus),
        OutcomeKind.Ok => TypedResults.Ok(map(outcome.Value!)),
        OutcomeKind.Invalid => TypedResults.ValidationProblem(JsonFieldNames(outcome.Errors), title: outcome.Message),
        OutcomeKind.NotFound => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        _ => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: outcome.Extensions),
    };

    /// <summary>Use cases key errors by C# property paths ("Lines[0].UnitAmount"); API clients sent "lines[0].unitAmount".</summary>
    public static Dictionary<string, string[]> JsonFieldNames(IReadOnlyDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => JsonFieldName(e.Key), e => e.Value, StringComparer.Ordinal);

    public static string JsonFieldName(string path) =>
        string.Join('.', path.Split('.').Select(segment => JsonNamingPolicy.CamelCase.ConvertName(segment)));

    public static IResult NotFound(string what) =>
        TypedResults.Problem($"{what} was not found.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
}

/// <summary>A page of a list.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Paging and search query parameters shared by every list.</summary>
public sealed class ListQuery
{
    public string? Q { get; set; }
    /// <summary>From the query string only: on a Razor page the route value "page" is the page's own path.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int? Page { get; set; }
    public int? PageSize { get; set; }

    /// <summary>Clamped so the row offset always fits: 1,000,000 pages of 200.</summary>
    public int SafePage => Math.Clamp(Page ?? 1, 1, 1_000_000);
    public int SafePageSize => Math.Clamp(PageSize ?? 25, 1, 200);
    public int Skip => (SafePage - 1) * SafePageSize;
    public string? Term => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
}
