using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// Push All (and Push selected) of a document already waiting in the outbox — queued automatically, or being pushed right
/// now — adds no second row (which pushed it twice: a create, then a needless update): the waiting row joins the run, and the
/// run's total still ends as done.
/// </summary>
[Trait("Category", "Database")]
public sealed class PushAllQueuedTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task PushAll_DocumentQueuedAutomatically_JoinsTheRunWithItsOneRow_OneCreateAndTheRunEndsDone()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        // The drain waits while the connection needs a reconnect: the finalize queues its row, and nothing takes it yet.
        await SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var invoice = (await owner.Api.InvoiceAsync(jobId, ("Second", 2, 15m, false, null, null))).Id();
        await SetStatusAsync(owner, QboConnectionStatus.Connected);
        // Slow answers keep the run's rows in place while the test reads them.
        await app.SlowQuickBooksAsync(owner.Realm, 1000);

        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();

        var row = Assert.Single(await RowsAsync(owner, invoice));
        Assert.Equal(run.GetProperty("id").GetString(), row.RunId);
        Assert.Equal(1, run.GetProperty("total").GetInt32());
        var ended = await owner.Api.RunEndedAsync(run.GetProperty("id").GetString()!);
        await app.SlowQuickBooksAsync(owner.Realm, 0);
        Assert.Equal(("finished", 1, 1, 0), (ended.GetProperty("state").GetString(), ended.GetProperty("total").GetInt32(),
            ended.GetProperty("done").GetInt32(), ended.GetProperty("failed").GetInt32()));
        await AssertOneCreateAsync(owner, invoice);
    }

    [Fact]
    public async Task PushSelected_DocumentWhoseAutomaticPushIsWithQuickBooks_IsNotPushedAgain_TheRunCountsIt()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        await app.SlowQuickBooksAsync(owner.Realm, 1500);
        var invoice = (await owner.Api.InvoiceAsync(jobId, ("Second", 2, 15m, false, null, null))).Id();
        // The row is marked uncertain just before its create is sent: the push is with QuickBooks now.
        await UntilAsync(owner, db => db.QboOutbox.AnyAsync(e => e.LocalId == invoice && e.Uncertain), "the automatic push never reached QuickBooks");

        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { invoice } })).ReadJsonAsync();

        Assert.Single(await RowsAsync(owner, invoice));
        var ended = await owner.Api.RunEndedAsync(run.GetProperty("id").GetString()!);
        await app.SlowQuickBooksAsync(owner.Realm, 0);
        Assert.Equal(("finished", 1, 1), (ended.GetProperty("state").GetString(), ended.GetProperty("total").GetInt32(), ended.GetProperty("done").GetInt32()));
        await AssertOneCreateAsync(owner, invoice);
    }

    [Fact]
    public async Task PushAll_DocumentsWithPushAllsLanes_AreNotPushedAgain_TheRunCountsEachOnce()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        await SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var invoices = new List<long>();
        for (var i = 0; i < 3; i++) invoices.Add((await owner.Api.InvoiceAsync(jobId, ($"Line {i}", 1, 20m + i, false, null, null))).Id());
        await SetStatusAsync(owner, QboConnectionStatus.Connected);
        await app.SlowQuickBooksAsync(owner.Realm, 1500);
        await WakeAsync(owner);
        // Names linked and new documents: they go in a batch, their rows marked uncertain when handed to the lanes.
        await UntilAsync(owner, db => db.QboOutbox.CountAsync(e => invoices.Contains(e.LocalId) && e.Uncertain).ContinueWith(t => t.Result == invoices.Count),
            "the documents were never handed to the lanes");

        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();

        Assert.Equal(invoices.Count, await app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync(e => invoices.Contains(e.LocalId))));
        var ended = await owner.Api.RunEndedAsync(run.GetProperty("id").GetString()!);
        await app.SlowQuickBooksAsync(owner.Realm, 0);
        Assert.Equal(("finished", invoices.Count, invoices.Count), (ended.GetProperty("state").GetString(), ended.GetProperty("total").GetInt32(),
            ended.GetProperty("done").GetInt32()));
        foreach (var invoice in invoices) await AssertOneCreateAsync(owner, invoice);
    }

    [Fact]
    public async Task CancelPushAll_ARowQueuedBeforeTheRunLeavesItAndStillGoes_TheRunsOwnRowsAreDropped()
    {
        long before = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
            before = (await api.InvoiceAsync((await api.JobAsync()).JobId, ("Made before connecting", 1, 30m, false, null, null))).Id());
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var queued = (await owner.Api.InvoiceAsync(jobId, ("Queued automatically", 1, 40m, false, null, null))).Id();
        await SetStatusAsync(owner, QboConnectionStatus.Connected);
        await app.SlowQuickBooksAsync(owner.Realm, 3000);
        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();
        Assert.Equal(2, run.GetProperty("total").GetInt32());

        var cancelled = await (await owner.Api.PostJsonAsync($"/api/v1/quickbooks/push/{run.GetProperty("id").GetString()}/cancel", new { })).ReadJsonAsync();

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Empty(await RowsAsync(owner, before));
        Assert.Null(Assert.Single(await RowsAsync(owner, queued)).RunId);
        await app.SlowQuickBooksAsync(owner.Realm, 0);
        await owner.Api.SyncedAsync("invoices", queued);
    }

    [Fact]
    public async Task CancelPushAll_ARowQueuedBeforeWhoseTriggerReadsLikeTheRuns_StillLeavesTheRunAndGoes()
    {
        long before = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
            before = (await api.InvoiceAsync((await api.JobAsync()).JobId, ("Made before connecting", 1, 30m, false, null, null))).Id());
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var queued = (await owner.Api.InvoiceAsync(jobId, ("Queued before the run", 1, 40m, false, null, null))).Id();
        // Waiting before the run, under the very words the run writes on its own rows (another user who goes by the same
        // name, or this user's earlier run): only what the run did to the row may say whether a cancel drops it.
        await app.WithDbAsync(owner.User, db => db.QboOutbox.Where(e => e.LocalId == queued)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Trigger, $"Push All by {owner.User.Email}")));
        await SetStatusAsync(owner, QboConnectionStatus.Connected);
        await app.SlowQuickBooksAsync(owner.Realm, 3000);
        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();
        Assert.Equal(2, run.GetProperty("total").GetInt32());

        var cancelled = await (await owner.Api.PostJsonAsync($"/api/v1/quickbooks/push/{run.GetProperty("id").GetString()}/cancel", new { })).ReadJsonAsync();

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        Assert.Empty(await RowsAsync(owner, before));
        Assert.Null(Assert.Single(await RowsAsync(owner, queued)).RunId);
        await app.SlowQuickBooksAsync(owner.Realm, 0);
        await owner.Api.SyncedAsync("invoices", queued);
    }

    /// <summary>QuickBooks has one record for the document, never updated (SyncToken 0), and the audit trail one write: its create.</summary>
    private async Task AssertOneCreateAsync(PushOwner owner, long invoice)
    {
        var sync = await owner.Api.SyncedAsync("invoices", invoice);
        var marked = Assert.Single((await owner.Qbo.Client.QueryAsync<QboInvoice>(owner.Qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items,
            i => i.PrivateNote?.Contains($"[groundwork:invoice:{invoice}]", StringComparison.Ordinal) == true);
        Assert.Equal((sync.GetProperty("qboId").GetString(), "0"), (marked.Id, marked.SyncToken));
        // A later drain of a second row would write here; none is left to do it.
        Assert.Empty(await RowsAsync(owner, invoice));
        var writes = await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.LocalId == invoice && (e.Operation == "create" || e.Operation == "update"))
            .Select(e => e.Operation).ToListAsync());
        Assert.Equal(["create"], writes);
    }

    private Task<List<QboOutboxEntry>> RowsAsync(PushOwner owner, long invoice) =>
        app.WithDbAsync(owner.User, db => db.QboOutbox.AsNoTracking().Where(e => e.LocalId == invoice).ToListAsync());

    private async Task UntilAsync(PushOwner owner, Func<Groundwork.Web.Data.GroundworkDbContext, Task<bool>> condition, string never)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await app.WithDbAsync(owner.User, condition)) return;
            await Task.Delay(20);
        }
        Assert.Fail(never);
    }

    private Task WakeAsync(PushOwner owner) => app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICompanySyncGrain>(owner.User.OrganizationId).WakeAsync();

    private Task<int> SetStatusAsync(PushOwner owner, QboConnectionStatus status) =>
        app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status)));
}
