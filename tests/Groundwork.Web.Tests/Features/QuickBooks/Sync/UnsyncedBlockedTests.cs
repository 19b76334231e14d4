using System.Net;
using System.Text.Json;
using Groundwork.Web.Features.QuickBooks.Mappings;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// A company-wide pre-flight problem (no default item, no tax agency) is said once at the top of Unsynced Records in the
/// pre-flight's words, and Push All is refused up front when it would hold back every document, instead of a run that fails each.
/// </summary>
[Trait("Category", "Database")]
public sealed class UnsyncedBlockedTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string Unsynced = "/api/v1/quickbooks/unsynced";
    private const string Push = "/api/v1/quickbooks/push";

    private static async Task<JsonElement> PreflightAsync(PushOwner owner, long documentId, string code) =>
        (await owner.Api.GetJsonAsync($"/api/v1/quickbooks/preview?documentIds={documentId}")).GetProperty("documents")[0].GetProperty("problems")
            .EnumerateArray().Single(p => p.GetProperty("code").GetString() == code);

    private static JsonElement? Blocked(JsonElement list) =>
        list.TryGetProperty("blocked", out var blocked) && blocked.ValueKind != JsonValueKind.Null ? blocked : null;

    private static (string?, string?, string?, int, int, bool) Facts(JsonElement blocked) =>
        (blocked.GetProperty("code").GetString(), blocked.GetProperty("message").GetString(), blocked.GetProperty("fixUrl").GetString(),
            blocked.GetProperty("documents").GetInt32(), blocked.GetProperty("total").GetInt32(), blocked.GetProperty("all").GetBoolean());

    [Fact]
    public async Task Unsynced_NoDefaultItemChosen_SaysSoOnceAtTheTop_PushAllIsRefusedWith409_ChoosingOnePushesAll()
    {
        long first = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            first = (await api.InvoiceAsync((await api.JobAsync()).JobId, ("Grading", 1, 500m, false, null, null))).Id();
            await api.InvoiceAsync((await api.JobAsync()).JobId, ("Framing", 1, 300m, false, null, null));
        }, chooseDefaultItem: false);

        var list = await owner.Api.GetJsonAsync(Unsynced);
        var preflight = await PreflightAsync(owner, first, PushChecks.NoDefaultItem);
        var blocked = Blocked(list) ?? throw new Xunit.Sdk.XunitException($"No \"blocked\" in {list}");
        Assert.Equal((PushChecks.NoDefaultItem, preflight.GetProperty("message").GetString(), DefaultItem.PagePath, 2, 2, true), Facts(blocked));
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.All(list.GetProperty("items").EnumerateArray(), r => Assert.Equal(UnsyncedRecords.BeforeConnecting, r.GetProperty("reason").GetString()));

        var refused = await owner.Api.PostJsonAsync(Push, new { all = true });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Equal((PushChecks.NoDefaultItem, DefaultItem.PagePath), (problem.GetProperty("code").GetString(), problem.GetProperty("fixUrl").GetString()));
        Assert.Contains(preflight.GetProperty("message").GetString()!, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), await app.WithDbAsync(owner.User, async db => (await db.PushRuns.CountAsync(), await db.QboSyncLog.CountAsync())));

        (await owner.Api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = owner.DefaultItemId })).EnsureSuccessStatusCode();
        Assert.Null(Blocked(await owner.Api.GetJsonAsync(Unsynced)));
        var started = await owner.Api.PostJsonAsync(Push, new { all = true });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await owner.Api.RunEndedAsync((await started.ReadJsonAsync()).GetProperty("id").GetString()!);
        Assert.Equal((2, 0), (run.GetProperty("done").GetInt32(), run.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Unsynced_SomeDocumentsNeedTheMissingDefaultItem_CountsThem_AndPushAllStillPushesTheOthers()
    {
        long code = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            code = await api.CostCodeAsync("03 30 00", "Cast Concrete");
            await api.InvoiceAsync((await api.JobAsync()).JobId, ("Pour", 1, 500m, false, code, null));
            await api.InvoiceAsync((await api.JobAsync()).JobId, ("Framing", 1, 300m, false, null, null));
        }, chooseDefaultItem: false);
        var concrete = (await owner.Api.ItemIdsAsync())["Concrete"];
        (await owner.Api.PutJsonAsync($"{MappingTestData.CostCodesUrl}/{code}", new { qboItemId = concrete })).EnsureSuccessStatusCode();

        var blocked = Blocked(await owner.Api.GetJsonAsync(Unsynced)) ?? throw new Xunit.Sdk.XunitException("No \"blocked\".");
        Assert.Equal((PushChecks.NoDefaultItem, 1, 2, false),
            (blocked.GetProperty("code").GetString(), blocked.GetProperty("documents").GetInt32(), blocked.GetProperty("total").GetInt32(), blocked.GetProperty("all").GetBoolean()));

        var started = await owner.Api.PostJsonAsync(Push, new { all = true });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await owner.Api.RunEndedAsync((await started.ReadJsonAsync()).GetProperty("id").GetString()!);
        Assert.Equal((1, 1), (run.GetProperty("done").GetInt32(), run.GetProperty("failed").GetInt32()));
    }

    [Fact]
    public async Task Unsynced_NoTaxAgency_SaysTheReadinessBlockerAtTheTop_ThePageDisablesPushAll_AndTheApiRefusesIt()
    {
        long id = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
            id = (await api.InvoiceAsync((await api.JobAsync()).JobId, ("Grading", 1, 500m, false, null, null))).Id(), template: "plain");

        var preflight = await PreflightAsync(owner, id, PushChecks.TaxAgency);
        var blocked = Blocked(await owner.Api.GetJsonAsync(Unsynced)) ?? throw new Xunit.Sdk.XunitException("No \"blocked\".");
        Assert.Equal((PushChecks.TaxAgency, preflight.GetProperty("message").GetString(), PushChecks.IntegrationsPage, 1, 1, true), Facts(blocked));

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal(preflight.GetProperty("message").GetString(), page.QuerySelector("#push-blocked-message")?.TextContent);
        Assert.Contains("Taxes", page.QuerySelector("#push-blocked .fix")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(PushChecks.IntegrationsPage, page.QuerySelector("#push-blocked-link")?.GetAttribute("href"));
        Assert.True(page.QuerySelector("#push-all")?.HasAttribute("disabled"));
        Assert.NotNull(page.QuerySelector("#push-all-disabled"));

        var refused = await owner.Api.PostJsonAsync(Push, new { all = true });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(PushChecks.TaxAgency, (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.PushRuns.CountAsync()));
    }

    [Fact]
    public async Task Unsynced_NoTaxAgencyFoundLongerAgoThanTheDrainTrusts_PushAllStillRuns_AndTheDrainChecksAgain()
    {
        long id = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
            id = (await api.InvoiceAsync((await api.JobAsync()).JobId, ("Grading", 1, 500m, false, null, null))).Id(), template: "plain");
        // The tax agency may have been set up in QuickBooks since this finding: it is not trusted to refuse a push.
        var checkedAt = await app.WithDbAsync(owner.User, db => db.QboConnections.Select(c => c.ReadinessCheckedAtUtc).SingleAsync());
        var stale = checkedAt!.Value - PushEngine.ReadinessMaxAge - TimeSpan.FromMinutes(1);
        await app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.ReadinessCheckedAtUtc, stale)));

        var blocked = Blocked(await owner.Api.GetJsonAsync(Unsynced)) ?? throw new Xunit.Sdk.XunitException("No \"blocked\".");
        Assert.Equal(PushChecks.TaxAgency, blocked.GetProperty("code").GetString());
        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.False(page.QuerySelector("#push-all")?.HasAttribute("disabled"));

        var pushed = await owner.Api.PostJsonAsync(Push, new { all = true });
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        var run = await owner.Api.RunEndedAsync((await pushed.ReadJsonAsync()).GetProperty("id").GetString()!);
        Assert.Equal((1, 0, 1), (run.GetProperty("total").GetInt32(), run.GetProperty("done").GetInt32(), run.GetProperty("failed").GetInt32()));
        var sync = (await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("sync");
        Assert.Equal(PushChecks.TaxAgency, sync.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Unsynced_NothingListed_PushAllIsDisabledSayingWhy_AndNoBlockIsReported()
    {
        var owner = await app.OwnerConnectedAfterAsync(_ => Task.CompletedTask, chooseDefaultItem: false);

        Assert.Null(Blocked(await owner.Api.GetJsonAsync(Unsynced)));
        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.True(page.QuerySelector("#push-all")?.HasAttribute("disabled"));
        Assert.Equal("Nothing to push.", page.QuerySelector("#push-all-disabled")?.TextContent);
        Assert.Null(page.QuerySelector("#push-blocked"));
    }

    [Fact]
    public async Task Unsynced_QuickBooksDisconnected_PushAllAndPushSelectedAreDisabledSayingWhy()
    {
        var owner = await app.OwnerConnectedAfterAsync(async api =>
            await api.InvoiceAsync((await api.JobAsync()).JobId, ("Grading", 1, 500m, false, null, null)));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Browser.PostFormAsync("/Settings/Integrations?handler=Disconnect", [], "/Settings/Integrations")).StatusCode);

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.True(page.QuerySelector("#push-all")?.HasAttribute("disabled"));
        Assert.Equal("QuickBooks is not connected now.", page.QuerySelector("#push-all-disabled")?.TextContent);
        Assert.True(page.QuerySelector("#push-selected")?.HasAttribute("disabled"));
        Assert.NotNull(page.QuerySelector("#push-selected-disabled"));
    }
}
