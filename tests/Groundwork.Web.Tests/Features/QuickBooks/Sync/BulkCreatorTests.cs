using System.Diagnostics;
using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>One batch request per ten minutes: the batch allowance is spent by the first batch of a Push All.</summary>
public sealed class OneBatchPerWindowQboAppFactory : QboAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("QuickBooks:Limits:BatchRequestsPerWindow", "1");
        builder.UseSetting("QuickBooks:Limits:Window", "00:10:00");
    }
}

/// <summary>The batch lane never holds a chunk while the minute's batch allowance is spent: its documents go as single creates.</summary>
[Trait("Category", "Database")]
public sealed class BulkCreatorTests(OneBatchPerWindowQboAppFactory app) : IClassFixture<OneBatchPerWindowQboAppFactory>
{
    [Fact]
    public async Task PushAll_BatchAllowanceSpent_GivesTheWaitingBatchToSingleCreatesEachOnce()
    {
        var realm = await app.NewCompanyAsync();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, _, _, _) = await api.JobAsync();
        var first = (await api.InvoiceAsync(jobId, ("First", 1, 1m, false, null, null))).Id();
        var invoices = new List<long>();
        for (var i = 0; i < 70; i++) invoices.Add((await api.InvoiceAsync(jobId, ($"Line {i}", 1, 10m + i, false, null, null))).Id());
        var browser = await app.BrowserClientAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(browser, realm)).StatusCode);
        (await api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = (await api.ItemIdsAsync())["Services"] })).EnsureSuccessStatusCode();
        (await api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { first } })).EnsureSuccessStatusCode();
        await api.SyncedAsync("invoices", first);
        // Thirty documents with linked names go as one batch request: the window's only batch permit is spent.
        (await api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = invoices.Take(30) })).EnsureSuccessStatusCode();
        await api.SyncedAsync("invoices", invoices[29]);
        var watch = Stopwatch.StartNew();

        var run = await (await api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();

        var runId = run.GetProperty("id").GetString();
        // Held for the next batch permit, the run would wait out the ten-minute window.
        while (run.GetProperty("state").GetString() == "running" && watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200);
            run = await api.GetJsonAsync($"/api/v1/quickbooks/push/{runId}");
        }
        Assert.Equal("finished", run.GetProperty("state").GetString());
        Assert.Equal(40, run.GetProperty("done").GetInt32());
        var creates = await app.WithDbAsync(user, db => db.QboSyncLog.Where(e => e.Operation == "create" && e.Entity == "Invoice").ToListAsync());
        Assert.Equal(30, creates.Count(e => e.RequestId!.StartsWith("gw-b-", StringComparison.Ordinal)));
        Assert.Equal(71, creates.Count);
        Assert.Equal(71, creates.Select(e => e.LocalId).Distinct().Count());
    }
}
