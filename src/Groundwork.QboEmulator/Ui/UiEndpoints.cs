using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Security;
using Groundwork.QboEmulator.Store;
using Groundwork.QboEmulator.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Groundwork.QboEmulator.Ui.Html;

namespace Groundwork.QboEmulator.Ui;

/// <summary>
/// The QuickBooks side for people: browse companies and act on them. Every POST checks the host's antiforgery token and
/// needs an emulator user signed in (who may use that company); pages can be read without signing in, secrets cannot.
/// </summary>
internal static class UiEndpoints
{
    public static void Map(RouteGroupBuilder root)
    {
        if (((IEndpointRouteBuilder)root).ServiceProvider.GetService(typeof(EmulatorRoutes)) is EmulatorRoutes { Prefix.Length: > 0 })
        {
            // Mounted under a prefix the prefix root is ours; at "" the host (or the standalone Program) owns "/".
            root.MapGet("/", (HttpContext http, EmulatorRoutes routes) => Results.Redirect(routes.Path(http.Request, "/ui")));
        }

        root.MapGet("/ui", Companies);
        root.MapGet("/ui/signin", SignInPage.Render);
        root.MapPost("/ui/signin", SignInPage.SignInAsync);
        root.MapPost("/ui/signout", SignInPage.SignOutAsync);
        root.MapGet("/ui/apps", AppsPage.Render);
        root.MapPost("/ui/apps", AppsPage.SaveAsync);
        root.MapGet("/ui/{realmId}", Dashboard);
        root.MapGet("/ui/{realmId}/{list}", List);
        root.MapGet("/ui/{realmId}/{list}/{id}", Record);
        root.MapPost("/ui/{realmId}/do/{action}", ActAsync);
        root.MapPost("/ui/{realmId}/import-items", ImportAsync);
    }

    private static IResult Companies(HttpContext http, EmulatorStore store, EmulatorRoutes routes)
    {
        var ui = new UiPages(http, routes.Path(http.Request, ""));
        var rows = store.Companies.Select(c => new[] { $"<a href=\"{E(ui.Link($"/ui/{c.RealmId}"))}\">{E(c.Name)}</a>", E(c.RealmId) });
        return Page("Companies", ui.Account() + UiPages.Table(["Company", "Realm id"], rows) + $"<p><a href=\"{E(ui.Link("/ui/apps"))}\">Apps (client ids, redirect URIs, webhooks)</a></p>");
    }

    private static IResult Dashboard(HttpContext http, string realmId, string? msg, EmulatorStore store, TokenService tokens, EmulatorRoutes routes,
        Admin.FaultInjection faults)
    {
        if (store.Find(realmId) is not { } company)
        {
            return Page("Not found", "<p>No such company.</p>", 404);
        }

        lock (company.Gate)
        {
            return Page(company.Name, new UiPages(http, routes.Path(http.Request, "")).Dashboard(company, tokens.Connections(realmId), faults.Get(realmId), msg));
        }
    }

    private static IResult List(HttpContext http, string realmId, string list, string? msg, EmulatorStore store, EmulatorRoutes routes)
    {
        if (store.Find(realmId) is not { } company)
        {
            return Page("Not found", "<p>No such company.</p>", 404);
        }

        lock (company.Gate)
        {
            var body = UiLists.Render(new UiPages(http, routes.Path(http.Request, "")), company, list, msg);
            return body is null ? Page("Not found", "<p>No such page.</p>", 404) : Page($"{company.Name} · {list}", body);
        }
    }

    private static IResult Record(HttpContext http, string realmId, string list, string id, EmulatorStore store, EmulatorRoutes routes)
    {
        if (store.Find(realmId) is not { } company)
        {
            return Page("Not found", "<p>No such company.</p>", 404);
        }

        lock (company.Gate)
        {
            return UiRecord.Render(new UiPages(http, routes.Path(http.Request, "")), company, list, id) is { } page
                ? Page($"{company.Name} · {page.Title}", page.Body)
                : Page("Not found", "<p>No such record.</p>", 404);
        }
    }

    private static async Task<IResult> ActAsync(HttpContext http, string realmId, string action, EmulatorStore store, UiActions actions,
        Disconnector disconnector, EmulatorRoutes routes, EmulatorSignIn signIn)
    {
        if (!await ValidAntiforgeryAsync(http) || store.Find(realmId) is not { } company)
        {
            return Page("Request rejected", "<p class=\"error\">The form expired or the company does not exist.</p>", 400);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (Refusal(http, routes, signIn, realmId, form["back"]) is { } refused)
        {
            return refused;
        }

        var message = action == "disconnect"
            ? $"Disconnected {Html.Count(await disconnector.DisconnectAsync(realmId, form["clientId"].ToString(), http.RequestAborted), "connection")}."
            : actions.Run(company, action, form);
        return Back(http, routes, realmId, form["back"].ToString(), message);
    }

    private static async Task<IResult> ImportAsync(HttpContext http, string realmId, EmulatorStore store, UiActions actions, EmulatorRoutes routes,
        EmulatorSignIn signIn)
    {
        if (!await ValidAntiforgeryAsync(http) || store.Find(realmId) is not { } company)
        {
            return Page("Request rejected", "<p class=\"error\">The form expired or the company does not exist.</p>", 400);
        }

        if (Refusal(http, routes, signIn, realmId, null) is { } refused)
        {
            return refused;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form.Files["file"] is not { Length: > 0 and < 5_000_000 } file)
        {
            return Back(http, routes, realmId, routes.Path(http.Request, $"/ui/{realmId}/items"), "Choose a CSV file (under 5 MB).");
        }

        using var reader = new StreamReader(file.OpenReadStream());
        var message = actions.Import(company, await reader.ReadToEndAsync(http.RequestAborted));
        return Back(http, routes, realmId, routes.Path(http.Request, $"/ui/{realmId}/items"), message);
    }

    /// <summary>Null when the signed-in user may change this company; otherwise the page that says why not.</summary>
    private static IResult? Refusal(HttpContext http, EmulatorRoutes routes, EmulatorSignIn signIn, string realmId, string? back) =>
        signIn.Current(http) switch
        {
            null => SignInPage.Refused(http, routes, back, "Sign in to change anything on the QuickBooks side."),
            { } user when !EmulatorSignIn.MayUse(user, realmId) => SignInPage.Refused(http, routes, back, $"{user.Email} may not change this company."),
            _ => null,
        };

    /// <summary>Back to the page the form came from, only within the emulator (no open redirect).</summary>
    private static IResult Back(HttpContext http, EmulatorRoutes routes, string realmId, string back, string message)
    {
        var home = routes.Path(http.Request, $"/ui/{realmId}");
        var target = back.StartsWith(home, StringComparison.Ordinal) && !back.Contains("//", StringComparison.Ordinal) ? back : home;
        return Results.Redirect($"{target}?msg={Uri.EscapeDataString(message)}", permanent: false, preserveMethod: false);
    }
}
