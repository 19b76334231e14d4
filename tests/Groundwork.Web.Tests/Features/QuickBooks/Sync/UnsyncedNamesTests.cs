using Groundwork.Web.Features.QuickBooks.Names;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// Unsynced Records says up front why a document not pushed yet would be held back by a name (a colon, here), in the
/// pre-flight's words and with its rename, instead of “not pushed yet” until a push fails.
/// </summary>
[Trait("Category", "Database")]
public sealed class UnsyncedNamesTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task Unsynced_LocationWithAColonNotPushedYet_ShowsThePreflightReasonAndRenameUpFront_TheRenamePushesIt()
    {
        long colon = 0, clean = 0, locationId = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var job = await api.JobAsync(location: "Lot 4: North");
            locationId = job.LocationId;
            colon = (await api.InvoiceAsync(job.JobId, ("Grading", 1, 500m, false, null, null))).Id();
            clean = (await api.InvoiceAsync((await api.JobAsync()).JobId, ("Framing", 1, 300m, false, null, null))).Id();
        });

        var rows = (await owner.Api.GetJsonAsync("/api/v1/quickbooks/unsynced")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("documentId").GetInt64());
        var preflight = (await owner.Api.GetJsonAsync($"/api/v1/quickbooks/preview?documentIds={colon}")).GetProperty("documents")[0].GetProperty("problems")[0];
        Assert.Equal(("notSynced", preflight.GetProperty("message").GetString(), NameProblems.Colon),
            (rows[colon].GetProperty("state").GetString(), rows[colon].GetProperty("reason").GetString(), rows[colon].GetProperty("problem").GetString()));
        Assert.Contains("colon", rows[colon].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(preflight.GetProperty("fixUrl").GetString(), rows[colon].GetProperty("fixUrl").GetString());
        Assert.Equal(UnsyncedRecords.BeforeConnecting, rows[clean].GetProperty("reason").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, rows[clean].GetProperty("problem").ValueKind);

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal(preflight.GetProperty("message").GetString(), page.QuerySelector($"#reason-{colon}")?.TextContent);
        Assert.Equal("Rename to “Lot 4 - North”", page.QuerySelector($"#rename-{colon}")?.TextContent.Trim());
        Assert.Null(page.QuerySelector($"#rename-{clean}"));
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.QboSyncLog.CountAsync()));

        var renamed = await owner.Browser.SubmitAsync(page.Form("#push-form"), button: "Rename to “Lot 4 - North”");
        await owner.Api.RunEndedAsync(renamed.RunId());
        await owner.Api.SyncedAsync("invoices", colon);
        var location = await app.WithDbAsync(owner.User, db => db.Locations.AsNoTracking().SingleAsync(l => l.Id == locationId));
        Assert.Equal("Lot 4 - North", location.Name);
    }
}
