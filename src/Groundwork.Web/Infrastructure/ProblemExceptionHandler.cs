using Microsoft.AspNetCore.Diagnostics;
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
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
