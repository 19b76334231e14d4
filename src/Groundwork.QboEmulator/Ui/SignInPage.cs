using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Security;
using Microsoft.AspNetCore.Http;
using static Groundwork.QboEmulator.Ui.Html;

namespace Groundwork.QboEmulator.Ui;

/// <summary>Sign-in for the people UI, with the same emulator users and cookie as the authorize page.</summary>
internal static class SignInPage
{
    public static IResult Render(HttpContext http, string? returnUrl, EmulatorRoutes routes) =>
        Page("Sign in", Form(http, routes, returnUrl, ""));

    public static async Task<IResult> SignInAsync(HttpContext http, EmulatorSignIn signIn, EmulatorRoutes routes)
    {
        if (!http.Request.HasFormContentType || !await ValidAntiforgeryAsync(http))
        {
            return Page("Request rejected", "<p class=\"error\">The form expired. Go back and try again.</p>", 400);
        }

        var f = await http.Request.ReadFormAsync(http.RequestAborted);
        if (signIn.Check(f["email"], f["password"]) is not { } user)
        {
            return Page("Sign in", Form(http, routes, f["returnUrl"], "<p class=\"error\">Wrong email or password.</p>"), 400);
        }

        signIn.SignIn(http, user);
        return Results.Redirect(SafeReturn(http, routes, f["returnUrl"]), permanent: false, preserveMethod: false);
    }

    public static async Task<IResult> SignOutAsync(HttpContext http, EmulatorSignIn signIn, EmulatorRoutes routes)
    {
        if (!await ValidAntiforgeryAsync(http))
        {
            return Page("Request rejected", "<p class=\"error\">The form expired. Go back and try again.</p>", 400);
        }

        signIn.SignOut(http);
        return Results.Redirect(routes.Path(http.Request, "/ui"), permanent: false, preserveMethod: false);
    }

    /// <summary>The page to show instead of acting: who may act, and where to sign in.</summary>
    public static IResult Refused(HttpContext http, EmulatorRoutes routes, string? back, string why) =>
        Page("Sign in", $"<p class=\"error\">{E(why)}</p>" +
            $"<p><a href=\"{E(routes.Path(http.Request, "/ui/signin"))}?returnUrl={E(Uri.EscapeDataString(SafeReturn(http, routes, back)))}\">Sign in</a></p>", 403);

    /// <summary>Back into the UI only: a path under the mount, never another host (no open redirect).</summary>
    public static string SafeReturn(HttpContext http, EmulatorRoutes routes, string? returnUrl)
    {
        var ui = routes.Path(http.Request, "/ui");
        return returnUrl is { Length: > 0 } r && (r == ui || r.StartsWith(ui + "/", StringComparison.Ordinal))
            && !r.Contains("//", StringComparison.Ordinal) && !r.Contains("..", StringComparison.Ordinal) && !r.Contains('\\', StringComparison.Ordinal)
            ? r : ui;
    }

    private static string Form(HttpContext http, EmulatorRoutes routes, string? returnUrl, string message) => $"""
        {message}<p>Sign in with an emulator user (the QuickBooks side: companies, apps, fault injection).</p>
        <form method="post" action="{E(routes.Path(http.Request, "/ui/signin"))}">{Antiforgery(http)}
        <input type="hidden" name="returnUrl" value="{E(SafeReturn(http, routes, returnUrl))}">
        <p><label>Email <input name="email" type="email" required></label></p>
        <p><label>Password <input name="password" type="password" required></label></p>
        <button>Sign in</button></form>
        """;
}
