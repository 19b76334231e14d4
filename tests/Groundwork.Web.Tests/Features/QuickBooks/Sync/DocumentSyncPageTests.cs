using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>The sync state where documents are read: the QuickBooks column of the lists, and the panel and audit trail of a document.</summary>
[Trait("Category", "Database")]
public sealed class DocumentSyncPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task InvoiceList_ShowsEachDocumentsQuickBooksState_SyncedLinksToQuickBooks()
    {
        long before = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            before = (await api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null))).Id();
        });
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var pushed = (await owner.Api.InvoiceAsync(jobId, ("Work", 1, 250m, false, null, null))).Id();
        var draft = (await owner.Api.CreateInvoiceAsync(jobId, 10m, finalize: false)).Id();
        var sync = await owner.Api.SyncedAsync("invoices", pushed);

        var page = await owner.Browser.GetPageAsync("/invoices");

        Assert.Contains(page.QuerySelectorAll("#documents thead th"), th => th.TextContent == "QuickBooks");
        AngleSharp.Dom.IElement? Row(long id) => page.QuerySelectorAll("#documents tbody tr").SingleOrDefault(r => r.QuerySelector($"a[href='/invoices/{id}']") is not null);
        string? State(long id) => Row(id)?.QuerySelector(".sync-state")?.GetAttribute("data-state");
        Assert.Equal(("synced", "notSynced", "none"), (State(pushed), State(before), State(draft)));
        var link = Row(pushed)?.QuerySelector("a.sync-state");
        Assert.Equal("Synced", link?.TextContent);
        Assert.EndsWith($"/qbo/ui/{owner.Realm}/invoices/{sync.GetProperty("qboId").GetString()}", link?.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(sync.GetProperty("qboUrl").GetString(), link?.GetAttribute("href"));
    }

    [Fact]
    public async Task NotConnected_DisconnectedOrRemoved_TheDocumentOffersNoPushButSaysToConnect_UnsyncedSaysWhereOnce()
    {
        long invoice = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            invoice = (await api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null))).Id();
        });
        Assert.NotNull((await owner.Browser.GetPageAsync($"/invoices/{invoice}")).QuerySelector("#push-now"));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Browser.PostFormAsync("/Settings/Integrations?handler=Disconnect", [], "/Settings/Integrations")).StatusCode);
        var unsynced = await owner.Browser.GetPageAsync(UnsyncedTestData.UnsyncedPage);
        Assert.Equal("QuickBooks is not connected now, so nothing is pushed: reconnect it under Settings → Integrations.",
            unsynced.QuerySelector("#push-paused")?.TextContent.Trim());
        var disconnected = await owner.Browser.GetPageAsync($"/invoices/{invoice}");
        Assert.Null(disconnected.QuerySelector("#push-now"));
        Assert.Equal("/Settings/Integrations", disconnected.QuerySelector("#sync-connect a")?.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Browser.PostFormAsync("/Settings/Integrations?handler=Remove", [], "/Settings/Integrations")).StatusCode);
        var removed = await owner.Browser.GetPageAsync($"/invoices/{invoice}");
        Assert.Null(removed.QuerySelector("#push-now"));
    }

    [Fact]
    public async Task OpenInQuickBooks_OpensTheRecordItself_WithItsNumberLinesAndTotal()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, customer, location) = await owner.Api.JobAsync();
        var id = (await owner.Api.InvoiceAsync(jobId, ("Framing", 2, 150m, false, null, null), ("Trim", 1, 40.5m, false, null, null))).Id();
        var sync = await owner.Api.SyncedAsync("invoices", id);
        var qboId = sync.GetProperty("qboId").GetString()!;

        var record = await owner.Browser.GetPageAsync(new Uri(sync.GetProperty("qboUrl").GetString()!).PathAndQuery);

        var header = record.QuerySelectorAll("table")[0].QuerySelectorAll("tbody td").Select(td => td.TextContent).ToList();
        Assert.Equal((qboId, $"{customer}:{location}", "340.50"), (header[0], header[2], header[5]));
        var lines = record.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToList()).ToList();
        Assert.Equal([("Services", "2", "150", "300.00"), ("Services", "1", "40.5", "40.50")], lines.Select(l => (l[2], l[4], l[5], l[6])));
        // Another id, or a list the emulator has no record page for, is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Browser.GetAsync($"/qbo/ui/{owner.Realm}/invoices/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.Browser.GetAsync($"/qbo/ui/{owner.Realm}/customers/{qboId}")).StatusCode);
    }

    [Fact]
    public async Task DocumentPage_SyncedInvoice_ShowsQuickBooksIdAndTheAuditTrailWithItsRequestId()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var id = (await owner.Api.InvoiceAsync(jobId, ("Framing", 2, 150m, false, null, null))).Id();
        var sync = await owner.Api.SyncedAsync("invoices", id);

        var page = await owner.Browser.GetPageAsync($"/invoices/{id}");

        Assert.Equal("Synced", page.QuerySelector("#quickbooks-panel h2 .sync-state")?.TextContent);
        Assert.Equal($"Invoice #{sync.GetProperty("qboId").GetString()}", page.QuerySelector("#sync-qbo-id")?.TextContent);
        Assert.Equal(sync.GetProperty("syncToken").GetString(), page.QuerySelector("#sync-token")?.TextContent);
        Assert.Equal(sync.GetProperty("qboUrl").GetString(), page.QuerySelector("#open-in-quickbooks")?.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#push-now"));
        var create = page.QuerySelectorAll("#sync-audit tbody tr").SingleOrDefault(r => r.QuerySelector(".request-id")?.TextContent == $"gw-{id}-0-create");
        Assert.NotNull(create);
        Assert.Equal("succeeded", create.GetAttribute("data-result"));
        Assert.Contains(owner.User.Email, create.TextContent, StringComparison.Ordinal);
        Assert.Contains(sync.GetProperty("qboId").GetString()!, create.Children.Select(c => c.TextContent));
    }

    [Fact]
    public async Task DocumentPage_NotSynced_OwnerPushesNow_AccountantSeesNoButton()
    {
        long id = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            id = (await api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null))).Id();
        });
        var accountant = await app.BrowserOfAsync(owner, OrganizationRole.Accountant);
        var seen = await accountant.GetPageAsync($"/invoices/{id}");
        Assert.Equal("Not synced", seen.QuerySelector("#quickbooks-panel h2 .sync-state")?.TextContent);
        Assert.NotNull(seen.QuerySelector("#sync-audit-empty"));
        Assert.Null(seen.QuerySelector("#push-now"));

        var page = await owner.Browser.GetPageAsync($"/invoices/{id}");
        var pushed = await owner.Browser.SubmitAsync(page.Form("#push-now-form"));

        Assert.Equal(HttpStatusCode.Redirect, pushed.StatusCode);
        Assert.Equal($"/invoices/{id}", pushed.Headers.Location?.OriginalString);
        await owner.Api.SyncedAsync("invoices", id);
        var after = await owner.Browser.GetPageAsync($"/invoices/{id}");
        Assert.Equal("Synced", after.QuerySelector("#quickbooks-panel h2 .sync-state")?.TextContent);
        Assert.Null(after.QuerySelector("#push-now"));
    }

    [Fact]
    public async Task DocumentPage_NeverConnected_HasNoQuickBooksPanel_AndTheListNoColumn()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(owner);
        var browser = await app.BrowserClientAsync(owner);
        var (jobId, _, _) = await api.CreateJobAsync();
        var id = (await api.CreateInvoiceAsync(jobId, 100m)).Id();

        var page = await browser.GetPageAsync($"/invoices/{id}");
        Assert.NotNull(page.QuerySelector("#document-total"));
        Assert.Null(page.QuerySelector("#quickbooks-panel"));
        Assert.DoesNotContain((await browser.GetPageAsync("/invoices")).QuerySelectorAll("#documents thead th"), th => th.TextContent == "QuickBooks");
    }
}
