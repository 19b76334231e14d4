using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// The last line: malformed requests become 400 and lost concurrency races 409, each with a problem body.
/// Anything else is a bug; it is logged and answered with a problem body that leaks nothing.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", "The request could not be read: " + bad.Message),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "Conflict", SaveChanges.ConflictMessage),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "Something went wrong on our side; nothing was saved."),
        };
        if (status >= 500)
        {
            LogUnhandled(logger, exception);
        }
        context.Response.StatusCode = status;
        ProblemDetails problem = WrongJsonValue(exception) is { } field
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = ["This value has the wrong type, is out of range, or may not be null."] })
            : new ProblemDetails();
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>The JSON path ("lines[0].quantity") of a body value that could not be converted, when the reader knows it.</summary>
    private static string? WrongJsonValue(Exception exception) =>
        exception is BadHttpRequestException { InnerException: JsonException { Path: { Length: > 2 } path } } && path.StartsWith("$.", StringComparison.Ordinal)
            ? path[2..]
            : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
