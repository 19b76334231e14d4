using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// A browser sends the sign-in cookie with any cross-site form post, so an API write authenticated by that cookie must
/// also carry an antiforgery token (the RequestVerificationToken header; GET /api/v1/auth/antiforgery hands one out).
/// Bearer requests are not affected: another site cannot make a browser attach an Authorization header.
/// </summary>
internal static class ApiAntiforgery
{
    private static readonly PathString Api = "/api";

    public static WebApplication UseApiAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Api) && !IsSafe(context.Request.Method) && !HasBearer(context.Request)
                && (await context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded
                && !await ValidAsync(context))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "Antiforgery token missing",
                        Detail = "A write signed in by cookie needs the RequestVerificationToken header from GET /api/v1/auth/antiforgery; " +
                            "API clients should use a bearer token instead.",
                    },
                });
                return;
            }
            await next(context);
        });
        return app;
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static bool HasBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static async Task<bool> ValidAsync(HttpContext context)
    {
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            return true;
        }
        catch (AntiforgeryValidationException)
        {
            return false;
        }
    }
}
