using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.OAuth;
using Microsoft.AspNetCore.Http;
using static Groundwork.QboEmulator.Ui.Html;

namespace Groundwork.QboEmulator.Ui;

/// <summary>The developer-portal equivalent: client apps with secrets, redirect URIs, webhook URL/format and verifier token.</summary>
internal static class AppsPage
{
    public static IResult Render(HttpContext http, ClientAppRegistry apps, EmulatorRoutes routes, string? msg)
    {
        var action = E(routes.Path(http.Request, "/ui/apps"));
        var forms = string.Concat(apps.All.Append(new QboEmulatorClientApp()).Select(app => $"""
            <h2>{(app.ClientId.Length == 0 ? "New app" : E(app.ClientId))}</h2>
            <form method="post" action="{action}">{Antiforgery(http)}
            <p><label>Client id <input name="clientId" value="{E(app.ClientId)}" required{(app.ClientId.Length == 0 ? "" : " readonly")}></label>
            <label>Client secret <input name="clientSecret" value="{E(app.ClientSecret)}" required></label></p>
            <p><label>Redirect URIs (one per line)<br><textarea name="redirectUris" rows="3" cols="70">{E(string.Join('\n', app.RedirectUris))}</textarea></label></p>
            <p><label><input type="checkbox" name="loopback" value="true"{(app.AllowLoopbackRedirects ? " checked" : "")}> Accept any http://localhost redirect (development keys)</label></p>
            <p><label>Webhook URL <input name="webhookUrl" value="{E(app.WebhookUrl)}" size="50"></label>
            <label>Format <select name="webhookFormat"><option{(app.WebhookFormat == "CloudEvents" ? " selected" : "")}>CloudEvents</option><option{(app.WebhookFormat == "Legacy" ? " selected" : "")}>Legacy</option></select></label></p>
            <p><label>Verifier token <input name="verifierToken" value="{E(app.VerifierToken)}" size="40"></label>
            <label>Disconnect URL <input name="disconnectUrl" value="{E(app.DisconnectUrl)}" size="40"></label></p>
            <button>Save</button></form>
            """));
        return Page("Apps", UiPages.Message(msg) + forms);
    }

    public static async Task<IResult> SaveAsync(HttpContext http, ClientAppRegistry apps, EmulatorRoutes routes)
    {
        if (!await ValidAntiforgeryAsync(http))
        {
            return Page("Request rejected", "<p class=\"error\">The form expired. Go back and try again.</p>", 400);
        }

        var f = await http.Request.ReadFormAsync(http.RequestAborted);
        string? Opt(string key) => f[key].ToString() is { Length: > 0 } v ? v.Trim() : null;
        var app = new QboEmulatorClientApp
        {
            ClientId = f["clientId"].ToString().Trim(), ClientSecret = f["clientSecret"].ToString(),
            RedirectUris = [.. f["redirectUris"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            AllowLoopbackRedirects = f["loopback"] == "true", WebhookUrl = Opt("webhookUrl"), VerifierToken = f["verifierToken"].ToString(),
            WebhookFormat = f["webhookFormat"] == "Legacy" ? "Legacy" : "CloudEvents", DisconnectUrl = Opt("disconnectUrl"),
        };
        if (app.ClientId.Length == 0 || app.ClientSecret.Length == 0)
        {
            return Page("Apps", "<p class=\"error\">Client id and secret are required.</p>", 400);
        }

        apps.Upsert(app);
        return Results.Redirect($"{routes.Path(http.Request, "/ui/apps")}?msg={Uri.EscapeDataString($"Saved {app.ClientId}.")}", permanent: false, preserveMethod: false);
    }
}
