using System.Security.Cryptography;
using System.Text;
using Groundwork.QboEmulator.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Security;

/// <summary>
/// The emulator's own sign-in (an emulator user, as on Intuit's sign-in page): a data-protected cookie scoped to the
/// mount path, independent of the host's authentication. The authorize page and the people UI share it.
/// </summary>
internal sealed class EmulatorSignIn(IDataProtectionProvider dataProtection, IOptions<QboEmulatorOptions> options, EmulatorRoutes routes)
{
    public const string CookieName = ".QboEmulator.User";

    private IDataProtector Protector => dataProtection.CreateProtector(CookieName);

    /// <summary>The user with this email and password; passwords compared in constant time.</summary>
    public QboEmulatorUser? Check(string? email, string? password) =>
        options.Value.Users.FirstOrDefault(u => u.Email.Equals(email, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(u.Password), Encoding.UTF8.GetBytes(password ?? "")));

    public QboEmulatorUser? Current(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var cookie))
        {
            return null;
        }

        try
        {
            var email = Protector.Unprotect(cookie);
            return options.Value.Users.FirstOrDefault(u => u.Email == email);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void SignIn(HttpContext http, QboEmulatorUser user) =>
        http.Response.Cookies.Append(CookieName, Protector.Protect(user.Email), Cookie(http));

    public void SignOut(HttpContext http) => http.Response.Cookies.Delete(CookieName, Cookie(http));

    /// <summary>A user limited to some companies may connect and change only those.</summary>
    public static bool MayUse(QboEmulatorUser user, string realmId) => user.Companies.Count == 0 || user.Companies.Contains(realmId);

    // Lax: a cross-site form post does not carry it, so another site cannot act as the signed-in user.
    private CookieOptions Cookie(HttpContext http) => new()
    {
        HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, IsEssential = true,
        Path = routes.Path(http.Request, "") is { Length: > 0 } mount ? mount : "/",
    };
}
