using System.Net;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// Push selected of documents a running Push All already holds answers with that run (and says so), rather than an empty run
/// that says "Nothing to push."
/// </summary>
[Trait("Category", "Database")]
public sealed class PushSelectedHeldTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task PushSelected_DocumentsARunningPushAllHolds_AnswersThatRunNamingThem_PageSaysSo()
    {
        long first = 0, second = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            first = (await api.InvoiceAsync(jobId, ("Framing", 1, 100m, false, null, null))).Id();
            second = (await api.InvoiceAsync(jobId, ("Roofing", 1, 200m, false, null, null))).Id();
        });
        await app.SlowQuickBooksAsync(owner.Realm, 3000);
        var all = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();
        var allId = all.GetProperty("id").GetString()!;

        var response = await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { first } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.ReadJsonAsync();
        Assert.Equal((allId, "running", true, 2), (answer.GetProperty("id").GetString(), answer.GetProperty("state").GetString(),
            answer.GetProperty("all").GetBoolean(), answer.GetProperty("total").GetInt32()));
        var held = Assert.Single(answer.GetProperty("elsewhere").EnumerateArray());
        Assert.Equal((allId, first), (held.GetProperty("runId").GetString(), Assert.Single(held.GetProperty("documentIds").EnumerateArray()).GetInt64()));
        Assert.Equal(1, await app.WithDbAsync(owner.User, db => db.PushRuns.CountAsync()));

        var pushed = await owner.Browser.SubmitSelectedAsync(await owner.Browser.GetPageAsync(UnsyncedPage), "Push selected", second);
        Assert.Equal(allId, pushed.RunId());
        var page = await owner.Browser.GetPageAsync(pushed.Headers.Location!.OriginalString);
        Assert.Equal($"Nothing new to push. 1 selected document is already being pushed by Push All started by {owner.User.Email} (run {allId[..8]}). Its progress is below.",
            page.QuerySelector("p.flash[role=status]")?.TextContent);
        Assert.Equal("Running", page.QuerySelector("#push-state")?.TextContent);

        await app.SlowQuickBooksAsync(owner.Realm, 0);
        var ended = await owner.Api.RunEndedAsync(allId);
        Assert.Equal(("finished", 2, 2), (ended.GetProperty("state").GetString(), ended.GetProperty("total").GetInt32(), ended.GetProperty("done").GetInt32()));
        Assert.Equal(1, await app.WithDbAsync(owner.User, db => db.PushRuns.CountAsync()));
    }
}
