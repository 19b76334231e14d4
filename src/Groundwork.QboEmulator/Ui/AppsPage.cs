using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using static Groundwork.QboEmulator.Ui.Html;

namespace Groundwork.QboEmulator.Ui;

/// <summary>
/// The developer-portal equivalent: client apps with secrets, redirect URIs, webhook URL/format and verifier token.
/// Anyone may see which apps exist; secrets, verifier tokens and editing need a signed-in emulator user.
/// </summary>
internal static class AppsPage
{
    public static IResult Render(HttpContext http, ClientAppRegistry apps, EmulatorRoutes routes, EmulatorSignIn signIn, string? msg)
    {
        var ui = new UiPages(http, routes.Path(http.Request, ""));
        if (signIn.Current(http) is null)
        {
            var rows = apps.All.Select(a => new[]
            {
                E(a.ClientId), E(string.Join(" ", a.RedirectUris)), E(a.WebhookUrl), E(a.WebhookFormat), E(a.DisconnectUrl),
            });
            return Page("Apps", ui.Account() + UiPages.Table(["Client id", "Redirect URIs", "Webhook URL", "Format", "Disconnect URL"], rows));
        }

        var action = E(routes.Path(http.Request, "/ui/apps"));
        var forms = string.Concat(apps.All.Append(new QboEmulatorClientApp()).Select(app => $"""
            <h2>{(app.ClientId.Length == 0 ? "New app" : E(app.ClientId))}</h2>
            <form method="post" action="{action}">{Antiforgery(http)}
            <p><label>Client id <input name="clientId" value="{E(app.ClientId)}" required{(app.ClientId.Length == 0 ? "" : " readonly")}></label>
            <label>Client secret <input name="clientSecret" value="{E(app.ClientSecret)}" required></label></p>
            <p><label>Redirect URIs (one per line, matched exactly)<br><textarea name="redirectUris" rows="3" cols="70">{E(string.Join('\n', app.RedirectUris))}</textarea></label></p>
            <p><label>Webhook URL <input name="webhookUrl" value="{E(app.WebhookUrl)}" size="50"></label>
            <label>Format <select name="webhookFormat"><option{(app.WebhookFormat == "CloudEvents" ? " selected" : "")}>CloudEvents</option><option{(app.WebhookFormat == "Legacy" ? " selected" : "")}>Legacy</option></select></label></p>
            <p><label>Verifier token <input name="verifierToken" value="{E(app.VerifierToken)}" size="40"></label>
            <label>Disconnect URL <input name="disconnectUrl" value="{E(app.DisconnectUrl)}" size="40"></label></p>
            <button>Save</button></form>
            """));
        return Page("Apps", ui.Account() + UiPages.Message(msg)
            + "<p class=\"muted\">URLs must be on localhost, this emulator's host or a host in QboEmulator:AllowedCallbackHosts.</p>" + forms);
    }

    public static async Task<IResult> SaveAsync(HttpContext http, ClientAppRegistry apps, EmulatorRoutes routes, EmulatorSignIn signIn,
        IOptions<QboEmulatorOptions> options)
    {
        if (!await ValidAntiforgeryAsync(http))
        {
            return Page("Request rejected", "<p class=\"error\">The form expired. Go back and try again.</p>", 400);
        }

        if (signIn.Current(http) is null)
        {
            return SignInPage.Refused(http, routes, routes.Path(http.Request, "/ui/apps"), "Sign in to register or change apps.");
        }

        var f = await http.Request.ReadFormAsync(http.RequestAborted);
        string? Opt(string key) => f[key].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var app = new QboEmulatorClientApp
        {
            ClientId = f["clientId"].ToString().Trim(), ClientSecret = f["clientSecret"].ToString(),
            RedirectUris = [.. f["redirectUris"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            WebhookUrl = Opt("webhookUrl"), VerifierToken = f["verifierToken"].ToString(),
            WebhookFormat = f["webhookFormat"] == "Legacy" ? "Legacy" : "CloudEvents", DisconnectUrl = Opt("disconnectUrl"),
        };
        if (app.ClientId.Length == 0 || app.ClientSecret.Length == 0)
        {
            return Page("Apps", "<p class=\"error\">Client id and secret are required.</p>", 400);
        }

        if (CallbackUrls.Problems(app, http.Request, options.Value) is { Count: > 0 } problems)
        {
            return Page("Apps", string.Concat(problems.Select(p => $"<p class=\"error\">{E(p.Key)}: {E(string.Join(" ", p.Value))}</p>")), 400);
        }

        apps.Upsert(app);
        return Results.Redirect($"{routes.Path(http.Request, "/ui/apps")}?msg={Uri.EscapeDataString($"Saved {app.ClientId}.")}", permanent: false, preserveMethod: false);
    }
}
