using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// The one-click rename of Unsynced Records pushes every document the list holds back with that name — the list's own rule
/// (<see cref="UnsyncedRecords.Query"/>), so a document the list shows (here one retrying later) is not left out of the push.
/// </summary>
[Trait("Category", "Database")]
public sealed class RenameAndPushTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task Rename_AnotherDocumentOfTheNameRetryingLater_IsListedAndPushedInTheSameRun()
    {
        long first = 0, retrying = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var job = await api.JobAsync(location: "Lot 7: East");
            first = (await api.InvoiceAsync(job.JobId, ("Grading", 1, 500m, false, null, null))).Id();
            retrying = (await api.InvoiceAsync(job.JobId, ("Framing", 1, 300m, false, null, null))).Id();
        });
        // What a push QuickBooks did not answer leaves: the document retrying in an hour, its row waiting until then.
        var connectionId = (await app.ConnectionAsync(owner.User))!.Id;
        await app.WithDbAsync(owner.User, async db =>
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.DocumentSyncs.Add(new DocumentSync { ConnectionId = connectionId, DocumentId = retrying, State = SyncState.Retrying, Message = "QuickBooks did not answer; retrying.",
                Problem = "qbo-500", RetryAtUtc = now.AddHours(1), UpdatedAtUtc = now });
            db.QboOutbox.Add(new QboOutboxEntry { ConnectionId = connectionId, Kind = LinkedKind.Invoice, LocalId = retrying, Operation = PushOperation.Push,
                Trigger = SyncOutbox.Automatic, EnqueuedAtUtc = now, DueAtUtc = now.AddHours(1), Attempts = 1 });
            return await db.SaveChangesAsync();
        });
        var listed = (await owner.Api.GetJsonAsync("/api/v1/quickbooks/unsynced")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("documentId").GetInt64()).ToList();
        Assert.Equal([first, retrying], listed);

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        var renamed = await owner.Browser.SubmitAsync(page.Form("#push-form"), button: "Rename to “Lot 7 - East”");

        var run = await owner.Api.RunEndedAsync(renamed.RunId());
        Assert.Equal(("finished", 2, 2), (run.GetProperty("state").GetString(), run.GetProperty("total").GetInt32(), run.GetProperty("done").GetInt32()));
        await owner.Api.SyncedAsync("invoices", retrying);
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync()));
    }
}
