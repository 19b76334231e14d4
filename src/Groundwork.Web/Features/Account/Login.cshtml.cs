using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Groundwork.Web.Features.Account;

[EnableRateLimiting(SignInLimits.Policy)]
public sealed class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    public const string SignInFailed = "The email or password is not right.";

    [BindProperty, Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Password is required."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: true, lockoutOnFailure: false);
        if (!result.Succeeded)
        {
            // One message for every failure, so the answer never tells whether the email has an account.
            ModelState.AddModelError("", SignInFailed);
            return Page();
        }
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
