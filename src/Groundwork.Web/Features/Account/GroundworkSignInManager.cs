using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.Account;

/// <summary>
/// Sign-in that does the same work whether or not the email is known: an unknown email still pays for one password
/// hash, so response times do not tell an attacker which emails have accounts. Lockout is never applied (the sign-in
/// rate limit per client address replaces it), so nobody can lock the Owner out by failing on purpose.
/// </summary>
internal sealed class GroundworkSignInManager(UserManager<AppUser> users, IHttpContextAccessor accessor,
    IUserClaimsPrincipalFactory<AppUser> claims, IOptions<IdentityOptions> options, ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, accessor, claims, options, logger, schemes, confirmation)
{
    /// <summary>A hash of a password nobody has, made once with the app's own hasher so verifying it costs what a real check does.</summary>
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString("N")));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
    }
}
