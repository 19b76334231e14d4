using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Groundwork.Web.Features.Account;

public sealed record LoginRequest([Required] string Email, [Required] string Password);

/// <summary>What a cookie-signed-in script sends back in the <see cref="HeaderName"/> header on API writes.</summary>
public sealed record AntiforgeryToken(string HeaderName, string RequestToken);

internal static class AuthApi
{
    /// <summary>POST /api/v1/auth/login → a bearer token for API clients (cookies serve the browser).</summary>
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder group)
    {
        group.MapPost("/login", async (LoginRequest request, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: false);
            return result.Succeeded
                ? Results.Empty
                : TypedResults.Problem(LoginModel.SignInFailed, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }).AllowAnonymous().RequireRateLimiting(SignInLimits.Policy).WithTags("Auth");

        // Cookie-signed-in callers need this token for API writes; bearer callers do not.
        group.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName!, tokens.RequestToken!));
        }).RequireAuthorization(AccountServiceCollectionExtensions.MemberPolicy).WithTags("Auth");
        return group;
    }
}
