using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Set-ups for the push screens: documents made before QuickBooks was connected, and reading a run's progress.</summary>
internal static class UnsyncedTestData
{
    public const string UnsyncedPage = "/Settings/Integrations/QuickBooks/Unsynced";
    public const string PreviewPage = "/Settings/Integrations/QuickBooks/Preview";

    /// <summary>
    /// An owner who makes documents with <paramref name="before"/> while their organization is not connected (so nothing is
    /// queued), then connects a fresh emulator company (of <paramref name="template"/>) and chooses the default item (unless
    /// <paramref name="chooseDefaultItem"/> is false): the documents wait in Unsynced Records.
    /// Payments recorded before are queued by the company's grain after the callback; unless <paramref name="waitForPayments"/>
    /// is false, this returns once they are.
    /// </summary>
    public static async Task<PushOwner> OwnerConnectedAfterAsync(this QboAppFactory app, Func<HttpClient, Task> before, bool waitForPayments = true,
        bool chooseDefaultItem = true, string template = "builder")
    {
        var realm = await app.NewCompanyAsync(template);
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var browser = await app.BrowserClientAsync(user);
        var api = await app.ApiClientAsync(user);
        await before(api);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(browser, realm)).StatusCode);
        var services = (await api.ItemIdsAsync())["Services"];
        if (chooseDefaultItem) (await api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = services })).EnsureSuccessStatusCode();
        if (waitForPayments) await app.PaymentsQueuedAsync(user);
        return new PushOwner(user, browser, api, await app.QuickBooksAsync(realm), realm, services);
    }

    /// <summary>Groundwork payments not in QuickBooks, not dismissed, that have no outbox row yet: those still to be queued after a connect.</summary>
    public static Task<int> PaymentsNotQueuedAsync(this GroundworkAppFactory app, TestUser user) =>
        app.WithDbAsync(user, db => db.Payments.CountAsync(p => p.Source == PaymentSource.Groundwork && p.SyncDismissedAtUtc == null
            && !db.QboLinks.Any(l => l.Kind == LinkedKind.Payment && l.LocalId == p.Id) && !db.QboOutbox.Any(e => e.Kind == LinkedKind.Payment && e.LocalId == p.Id)));

    /// <summary>Polls until the company's grain has queued every payment recorded before connecting.</summary>
    public static async Task PaymentsQueuedAsync(this GroundworkAppFactory app, TestUser user, int seconds = 30)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            if (await app.PaymentsNotQueuedAsync(user) == 0) return;
            await Task.Delay(100);
        }
        Assert.Fail($"{await app.PaymentsNotQueuedAsync(user)} payment(s) recorded before connecting were never queued.");
    }

    public static async Task<HttpClient> BrowserOfAsync(this QboAppFactory app, PushOwner owner, OrganizationRole role) =>
        await app.BrowserClientAsync(await app.CreateUserAsync(role, owner.User.OrganizationId));

    /// <summary>Ticks the row's checkbox on the page and presses a button of the selection form.</summary>
    public static async Task<HttpResponseMessage> SubmitSelectedAsync(this HttpClient browser, IDocument page, string button, params long[] documentIds)
    {
        foreach (var id in documentIds) page.QuerySelector<IHtmlInputElement>($"#select-{id}")!.IsChecked = true;
        return await browser.SubmitAsync(page.Form("#push-form"), button: button);
    }

    /// <summary>The run id a push redirect names (<c>?run=…</c>).</summary>
    public static string RunId(this HttpResponseMessage redirect)
    {
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.IsAbsoluteUri ? location.Query : new Uri(new Uri("http://x"), location).Query);
        return query.TryGetValue("run", out var run) ? run.ToString() : throw new InvalidOperationException($"No run in {location}.");
    }

    /// <summary>The run's progress once it has ended (polls: the company's grain pushes in the background).</summary>
    public static async Task<JsonElement> RunEndedAsync(this HttpClient api, string runId)
    {
        JsonElement run = default;
        for (var i = 0; i < 300; i++)
        {
            run = await api.GetJsonAsync($"/api/v1/quickbooks/push/{runId}");
            if (run.GetProperty("state").GetString() != "running") return run;
            await Task.Delay(100);
        }
        Assert.Fail($"Run {runId} never ended: {run}");
        return run;
    }

    /// <summary>Slows every QBO request of the company, so a run is still running when the test looks at it.</summary>
    public static async Task SlowQuickBooksAsync(this QboAppFactory app, string realm, int latencyMs)
    {
        var response = await app.CreateEmulatorAdminClient().PutAsJsonAsync($"/qbo/admin/api/faults/{realm}", new { latencyMs });
        response.EnsureSuccessStatusCode();
    }
}
