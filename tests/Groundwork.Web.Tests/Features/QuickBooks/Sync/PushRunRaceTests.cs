using System.Net;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>The app on a SQLite file (PostgreSQL on that leg): requests here race on purpose (see GroundworkAppFactory). Logs kept.</summary>
public sealed class RacingQboAppFactory() : QboAppFactory(sqliteFile: true)
{
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs));
    }
}

/// <summary>
/// Two runs started at the same moment over one waiting document: one holds its row and counts it, the other (which waited for
/// the row) sees it taken — never both counting a document only one of them is credited with, which left that one short of 100%.
/// The first start is held (<see cref="SyncPauses"/>) right after it took the row, while the second runs into it.
/// </summary>
[Trait("Category", "Database")]
public sealed class PushRunRaceTests(RacingQboAppFactory app) : IClassFixture<RacingQboAppFactory>
{
    [Fact]
    public async Task PushSelectedTwiceAtOnce_OneWaitingDocument_OneRunHoldsAndCountsIt_TheSecondAnswersThatRun()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        // Queued automatically, due now, while the drain is busy with QuickBooks on an earlier document: a row no run holds yet.
        await app.SlowQuickBooksAsync(owner.Realm, 4000);
        var busy = (await owner.Api.InvoiceAsync(jobId, ("Busy", 1, 10m, false, null, null))).Id();
        await Task.Delay(1000); // the drain has read its chunk (at once) and waits for QuickBooks (seconds a request)
        var invoice = (await owner.Api.InvoiceAsync(jobId, ("Waiting", 1, 25m, false, null, null))).Id();
        var pauses = app.Services.GetRequiredService<SyncPauses>();
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = 0;
        pauses.Reached = async (point, ct) =>
        {
            if (point != SyncPauses.RunRowsTaken || Interlocked.Exchange(ref first, 1) != 0) return;
            taken.SetResult();
            await release.Task.WaitAsync(ct);
        };
        HttpResponseMessage one, two;
        try
        {
            var starting = owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { invoice } });
            await taken.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var second = owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { invoice } });
            // Long enough for the second start to reach the row the first holds (and wait for it there).
            await Task.Delay(1500);
            release.SetResult();
            (one, two) = (await starting, await second);
        }
        finally
        {
            pauses.Reached = null;
        }

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.OK), (one.StatusCode, two.StatusCode));
        var run = (await one.ReadJsonAsync()).GetProperty("id").GetString()!;
        var again = await two.ReadJsonAsync();
        Assert.Equal((run, 1), (again.GetProperty("id").GetString(), again.GetProperty("total").GetInt32()));
        Assert.Equal(run, Assert.Single(again.GetProperty("elsewhere").EnumerateArray()).GetProperty("runId").GetString());
        Assert.Equal(1, await app.WithDbAsync(owner.User, db => db.PushRuns.CountAsync()));
        await app.SlowQuickBooksAsync(owner.Realm, 0);
        var ended = await owner.Api.RunEndedAsync(run);
        Assert.Equal(("finished", 1, 1), (ended.GetProperty("state").GetString(), ended.GetProperty("total").GetInt32(), ended.GetProperty("done").GetInt32()));
        await owner.Api.SyncedAsync("invoices", invoice);
        await owner.Api.SyncedAsync("invoices", busy);
    }

    /// <summary>
    /// The drain finishing a document locks its outbox rows, then writes its sync state; a run being started takes rows, then
    /// states. Held after the drain's lock while a start runs into it, the two take turns: neither is aborted as a deadlock
    /// (PostgreSQL's 40P01 — a 500 for the start, a failed step and a 30 s wait for the drain).
    /// </summary>
    [Fact]
    public async Task PushSelected_WhileTheDrainFinishesTheSameDocument_NeitherIsAbortedAsADeadlock()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var pauses = app.Services.GetRequiredService<SyncPauses>();
        var locked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = 0;
        pauses.Reached = async (point, ct) =>
        {
            if (point != SyncPauses.DrainRowsLocked || Interlocked.Exchange(ref first, 1) != 0) return;
            locked.SetResult();
            await release.Task.WaitAsync(ct);
        };
        HttpResponseMessage started;
        long invoice;
        try
        {
            invoice = (await owner.Api.InvoiceAsync(jobId, ("Pushed now", 1, 35m, false, null, null))).Id();
            await locked.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var starting = owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { invoice } });
            // Long enough for the start to reach the row the drain holds (and wait for it there).
            await Task.Delay(1500);
            release.SetResult();
            started = await starting;
        }
        finally
        {
            pauses.Reached = null;
        }

        Assert.True(started.IsSuccessStatusCode, $"The start failed: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
        // A drain step that failed is logged (and its document pushed again when the start's commit wakes the grain, hiding it).
        Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains("sync step push failed", StringComparison.Ordinal));
        var run = (await started.ReadJsonAsync()).GetProperty("id").GetString()!;
        // Well before a failed drain step is tried again (CompanySyncGrain.AfterCrash, 30 s).
        var ended = await RunEndedWithinAsync(owner, run, TimeSpan.FromSeconds(10));
        Assert.Equal("finished", ended.GetProperty("state").GetString());
        Assert.Equal(ended.GetProperty("total").GetInt32(), ended.GetProperty("done").GetInt32() + ended.GetProperty("failed").GetInt32());
        Assert.Equal("synced", (await owner.Api.GetJsonAsync($"/api/v1/invoices/{invoice}")).GetProperty("sync").GetProperty("state").GetString());
    }

    private static async Task<System.Text.Json.JsonElement> RunEndedWithinAsync(PushOwner owner, string runId, TimeSpan limit)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/push/{runId}");
        while (run.GetProperty("state").GetString() == "running" && watch.Elapsed < limit)
        {
            await Task.Delay(100);
            run = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/push/{runId}");
        }
        return run;
    }
}
