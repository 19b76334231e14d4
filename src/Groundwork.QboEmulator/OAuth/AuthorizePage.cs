using System.Text;
using Groundwork.QboEmulator.Security;
using Groundwork.QboEmulator.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using static Groundwork.QboEmulator.Ui.Html;

namespace Groundwork.QboEmulator.OAuth;

/// <summary>
/// The "Connect to QuickBooks" page: sign in as an emulator user, pick the company, Connect or Cancel.
/// The emulator's sign-in (<see cref="EmulatorSignIn"/>) is shared with the people UI.
/// </summary>
internal static class AuthorizePage
{
    private static readonly string[] Carried = ["client_id", "redirect_uri", "scope", "state", "response_type"];

    public static IResult GetAsync(HttpContext http, ClientAppRegistry apps, EmulatorStore store, EmulatorSignIn signIn)
    {
        var q = http.Request.Query;
        var check = Check(apps, q["client_id"], q["redirect_uri"], q["response_type"], q["scope"], q["state"]);
        if (check is not null)
        {
            return check;
        }

        var user = signIn.Current(http);
        var hidden = string.Concat(Carried.Select(k => $"<input type=\"hidden\" name=\"{k}\" value=\"{E(q[k])}\">")) + Antiforgery(http);
        if (user is null)
        {
            return Page("Sign in", $"""
                <p>Sign in to connect <strong>{E(q["client_id"])}</strong> to QuickBooks.</p>
                <form method="post">{hidden}
                <p><label>Email <input name="email" type="email" required></label></p>
                <p><label>Password <input name="password" type="password" required></label></p>
                <button name="action" value="signin">Sign in</button> <button name="action" value="cancel" formnovalidate>Cancel</button></form>
                """);
        }

        var companies = store.Companies.Where(c => EmulatorSignIn.MayUse(user, c.RealmId)).ToList();
        var choices = string.Concat(companies.Select((c, i) =>
            $"<p><label><input type=\"radio\" name=\"realmId\" value=\"{E(c.RealmId)}\"{(i == 0 ? " checked" : "")}> {E(c.Name)} <span class=\"muted\">({E(c.RealmId)})</span></label></p>"));
        return Page("Connect your app", $"""
            <p>Signed in as {E(user.Email)}. <strong>{E(q["client_id"])}</strong> wants to access your QuickBooks company data
            (<span class="muted">{E(q["scope"])}</span>).</p>
            <form method="post">{hidden}<fieldset><legend>Choose a company</legend>{choices}</fieldset>
            <button name="action" value="connect">Connect</button> <button name="action" value="cancel">Cancel</button></form>
            """);
    }

    public static async Task<IResult> PostAsync(HttpContext http, ClientAppRegistry apps, TokenService tokens, EmulatorStore store, EmulatorSignIn signIn)
    {
        if (!http.Request.HasFormContentType || !await ValidAntiforgeryAsync(http))
        {
            return Page("Request rejected", "<p class=\"error\">The form expired or was not sent by this page. Go back and try again.</p>", 400);
        }

        var f = await http.Request.ReadFormAsync(http.RequestAborted);
        var check = Check(apps, f["client_id"], f["redirect_uri"], f["response_type"], f["scope"], f["state"]);
        if (check is not null)
        {
            return check;
        }

        string redirect = f["redirect_uri"]!, state = f["state"]!;
        switch (f["action"].ToString())
        {
            case "cancel":
                return Results.Redirect(Callback(redirect, ("error", "access_denied"), ("error_description", "User denied access"), ("state", state)));
            case "signin":
                if (signIn.Check(f["email"], f["password"]) is not { } user)
                {
                    return Page("Sign in", "<p class=\"error\">Wrong email or password.</p><p><a href=\"javascript:history.back()\">Back</a></p>", 400);
                }

                signIn.SignIn(http, user);
                return Results.Redirect(QueryHelpers.AddQueryString($"{http.Request.PathBase}{http.Request.Path}",
                    Carried.ToDictionary(k => k, k => (string?)f[k].ToString())), permanent: false, preserveMethod: false);
            case "connect":
                var signedIn = signIn.Current(http);
                var realm = f["realmId"].ToString();
                if (signedIn is null || store.Find(realm) is null || !EmulatorSignIn.MayUse(signedIn, realm))
                {
                    return Page("Connect your app", "<p class=\"error\">Sign in and choose one of your companies.</p>", 400);
                }

                var code = tokens.CreateCode(f["client_id"]!, redirect, realm, signedIn.Email, f["scope"]!);
                return Results.Redirect(Callback(redirect, ("code", code), ("state", state), ("realmId", realm)));
            default:
                return Page("Connect your app", "<p class=\"error\">Unknown action.</p>", 400);
        }
    }

    /// <summary>Bad client or redirect URI: show an error and never redirect (an open redirect otherwise). Other errors go back to the app.</summary>
    private static IResult? Check(ClientAppRegistry apps, string? clientId, string? redirectUri, string? responseType, string? scope, string? state)
    {
        if (apps.Find(clientId) is not { } app)
        {
            return Page("Invalid request", "<p class=\"error\">Unknown client_id.</p>", 400);
        }

        if (!ClientAppRegistry.RedirectAllowed(app, redirectUri))
        {
            return Page("Invalid request", $"<p class=\"error\">The redirect_uri {E(redirectUri)} is not registered for this app.</p>", 400);
        }

        var error = responseType != "code" ? "unsupported_response_type"
            : string.IsNullOrWhiteSpace(scope) || !scope.Split(' ').Any(s => s.StartsWith("com.intuit.quickbooks", StringComparison.Ordinal) || s == "openid") ? "invalid_scope"
            : string.IsNullOrEmpty(state) ? "invalid_request"
            : null;
        return error is null ? null : Results.Redirect(Callback(redirectUri!, ("error", error), ("state", state ?? "")));
    }

    private static string Callback(string redirectUri, params (string Key, string Value)[] values)
    {
        var url = new StringBuilder(redirectUri);
        foreach (var (key, value) in values)
        {
            url.Append(url.ToString().Contains('?', StringComparison.Ordinal) ? '&' : '?')
                .Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return url.ToString();
    }
}
