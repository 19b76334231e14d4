using System.Net;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Settings → Integrations → QuickBooks → Unsynced Records, driven through its forms against the emulator.</summary>
[Trait("Category", "Database")]
public sealed class UnsyncedPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", response.Headers.Location?.AbsolutePath, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unsynced_InvoiceFinalizedBeforeConnecting_IsListedWithItsReason_PushSelectedSyncsIt()
    {
        long id = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            id = (await api.InvoiceAsync(jobId, ("Framing", 2, 150m, false, null, null))).Id();
        });

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal("1", page.QuerySelector("#unsynced-count")?.TextContent);
        Assert.Equal("1 unsynced", page.QuerySelector("#nav-unsynced-count")?.TextContent);
        Assert.Equal("notSynced", page.QuerySelector($"#row-{id}")?.GetAttribute("data-state"));
        Assert.Contains("before QuickBooks was connected", page.QuerySelector($"#reason-{id}")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/invoices/{id}", page.QuerySelector($"#row-{id} a")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#push-progress"));

        var pushed = await owner.Browser.SubmitSelectedAsync(page, "Push selected", id);
        var runId = pushed.RunId();
        await owner.Api.SyncedAsync("invoices", id);
        var run = await owner.Api.RunEndedAsync(runId);
        Assert.Equal((1, 1, 0), (run.GetProperty("total").GetInt32(), run.GetProperty("done").GetInt32(), run.GetProperty("failed").GetInt32()));

        var after = await owner.Browser.GetPageAsync(pushed.Headers.Location!.OriginalString);
        Assert.Null(after.QuerySelector($"#row-{id}"));
        Assert.NotNull(after.QuerySelector("#all-synced"));
        Assert.Equal("0", after.QuerySelector("#unsynced-count")?.TextContent);
        Assert.Null(after.QuerySelector("#nav-unsynced-count"));
        Assert.Equal("Finished", after.QuerySelector("#push-state")?.TextContent);
        Assert.Equal(("1", "0", "0", "1"), (after.QuerySelector("#push-done")?.TextContent, after.QuerySelector("#push-failed")?.TextContent,
            after.QuerySelector("#push-remaining")?.TextContent, after.QuerySelector("#push-total")?.TextContent));
        Assert.Equal("100%", after.QuerySelector("#push-percent")?.TextContent);
        Assert.Null(after.QuerySelector("#push-cancel"));
    }

    [Fact]
    public async Task Unsynced_CustomerWithAColon_IsHeldBackWithTheRenameFix_RenamingPushesItAgainAndItSyncs()
    {
        long id = 0, customerId = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var job = await api.JobAsync(customer: "Lakeside HOA: Phase 2");
            customerId = job.CustomerId;
            id = (await api.InvoiceAsync(job.JobId, ("Paving", 1, 900m, false, null, null))).Id();
        });
        var first = await owner.Browser.SubmitSelectedAsync(await owner.Browser.GetPageAsync(UnsyncedPage), "Push selected", id);
        await owner.Api.SyncedAsync("invoices", id, "needsAttention");
        await owner.Api.RunEndedAsync(first.RunId());

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal("needsAttention", page.QuerySelector($"#row-{id}")?.GetAttribute("data-state"));
        Assert.Contains("colon", page.QuerySelector($"#reason-{id}")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Settings/Integrations/QuickBooks/Names?kind=customer&q=Lakeside%20HOA%3A%20Phase%202", page.QuerySelector($"#fix-link-{id}")?.GetAttribute("href"));
        Assert.Equal("Rename to “Lakeside HOA - Phase 2”", page.QuerySelector($"#rename-{id}")?.TextContent.Trim());

        var renamed = await owner.Browser.SubmitAsync(page.Form("#push-form"), button: "Rename to “Lakeside HOA - Phase 2”");
        var runId = renamed.RunId();
        var sync = await owner.Api.SyncedAsync("invoices", id);
        await owner.Api.RunEndedAsync(runId);

        var customer = await owner.Api.GetJsonAsync($"/api/v1/customers/{customerId}");
        Assert.Equal("Lakeside HOA - Phase 2", customer.GetProperty("name").GetString());
        var invoice = await owner.Qbo.Client.ReadAsync<QboInvoice>(owner.Qbo.Company, sync.GetProperty("qboId").GetString()!, default);
        Assert.Equal(900m, invoice.Value.TotalAmt);
        var sub = await owner.Qbo.Client.ReadAsync<QboCustomer>(owner.Qbo.Company, invoice.Value.CustomerRef!.Value, default);
        var parent = await owner.Qbo.Client.ReadAsync<QboCustomer>(owner.Qbo.Company, sub.Value.ParentRef!.Value, default);
        Assert.Equal("Lakeside HOA - Phase 2", parent.Value.DisplayName);
        Assert.Null((await owner.Browser.GetPageAsync(UnsyncedPage)).QuerySelector($"#row-{id}"));
    }

    [Fact]
    public async Task PushAll_PressedTwiceWhileRunning_StartsOneRun_AndCancelPutsTheRestBack()
    {
        var ids = new List<long>();
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            for (var i = 0; i < 3; i++) ids.Add((await api.InvoiceAsync(jobId, ("Work", 1, 100m + i, false, null, null))).Id());
        });
        await app.SlowQuickBooksAsync(owner.Realm, 400);

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        var none = await owner.Browser.SubmitAsync(page.Form("#push-form"), button: "Push selected");
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("Select the documents to push", (await none.ParseAsync()).Errors(), StringComparison.Ordinal);
        Assert.Equal("Push All (3)", page.QuerySelector("#push-all")?.TextContent);
        var firstRun = (await owner.Browser.SubmitAsync(page.Form("#push-all-form"))).RunId();
        var secondRun = (await owner.Browser.SubmitAsync(page.Form("#push-all-form"))).RunId();
        Assert.Equal(firstRun, secondRun);

        var running = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal(firstRun, running.QuerySelector("#push-progress")?.GetAttribute("data-run-id"));
        Assert.Equal("Running", running.QuerySelector("#push-state")?.TextContent);
        Assert.Equal("3", running.QuerySelector("#push-total")?.TextContent);
        var cancelled = await owner.Browser.SubmitAsync(running.Form("#push-cancel-form"));
        Assert.Equal(firstRun, cancelled.RunId());
        await app.SlowQuickBooksAsync(owner.Realm, 0);

        var run = await owner.Api.RunEndedAsync(firstRun);
        Assert.Equal("cancelled", run.GetProperty("state").GetString());
        Assert.True(run.GetProperty("done").GetInt32() < 3, $"The cancel came after every push: {run}");
        var after = await owner.Browser.GetPageAsync(cancelled.Headers.Location!.OriginalString);
        Assert.Equal("Cancelled", after.QuerySelector("#push-state")?.TextContent);
        Assert.Equal(3 - run.GetProperty("done").GetInt32(), after.QuerySelectorAll("#unsynced tbody tr").Length);
    }

    [Fact]
    public async Task Accountant_ReadsWithoutPushButtons_AndPostsAreRefused_MemberIsForbidden()
    {
        long id = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            id = (await api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null))).Id();
        });
        var accountant = await app.BrowserOfAsync(owner, OrganizationRole.Accountant);
        var member = await app.BrowserOfAsync(owner, OrganizationRole.Member);

        var page = await accountant.GetPageAsync(UnsyncedPage);
        Assert.NotNull(page.QuerySelector($"#row-{id}"));
        Assert.NotNull(page.QuerySelector("#preview-all"));
        Assert.Null(page.QuerySelector("#push-all"));
        Assert.Null(page.QuerySelector("#push-selected"));
        Assert.Null(page.QuerySelector($"#select-{id}"));
        AssertDenied(await accountant.PostFormAsync(UnsyncedPage + "?handler=PushAll", [], UnsyncedPage));
        AssertDenied(await accountant.PostFormAsync(UnsyncedPage + "?handler=Push", new() { ["documentIds"] = $"{id}" }, UnsyncedPage));
        var accountantApi = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.User.OrganizationId));
        Assert.Equal(HttpStatusCode.Forbidden, (await accountantApi.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).StatusCode);
        Assert.Equal("notSynced", (await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("sync").GetProperty("state").GetString());

        AssertDenied(await member.GetAsync(UnsyncedPage));
        AssertDenied(await member.GetAsync(PreviewPage + "?all=true"));
    }

    [Fact]
    public async Task Unsynced_NotConnected_SaysSoWithTheWayToConnect()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var browser = await app.BrowserClientAsync(owner);

        var page = await browser.GetPageAsync(UnsyncedPage);

        Assert.Contains("not connected", page.QuerySelector("#not-connected")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Settings/Integrations", page.QuerySelector("#connect-link")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#push-all"));
        Assert.Equal("0", page.QuerySelector("#unsynced-count")?.TextContent);
    }
}
