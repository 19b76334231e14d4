using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Groundwork.Web.Features.Account;

public sealed record LoginRequest([Required] string Email, [Required] string Password);

internal static class AuthApi
{
    /// <summary>POST /api/v1/auth/login → a bearer token for API clients (cookies serve the browser).</summary>
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder group)
    {
        group.MapPost("/login", async (LoginRequest request, SignInManager<AppUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var result = await signIn.PasswordSignInAsync(request.Email ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
            return result.Succeeded
                ? Results.Empty
                : TypedResults.Problem("The email or password is not right.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }).AllowAnonymous().WithTags("Auth");
        return group;
    }
}
