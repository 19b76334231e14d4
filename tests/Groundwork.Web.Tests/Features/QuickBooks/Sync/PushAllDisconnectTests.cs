using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>QuickBooks disconnects the app while Push All's lanes are sending: nothing hangs, nothing is lost or duplicated.</summary>
[Trait("Category", "Database")]
public sealed class PushAllDisconnectTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const int Documents = 150;

    [Fact]
    public async Task DisconnectedMidPushAll_TheRunWaits_ThenReconnectingFinishesIt_EachDocumentOnce()
    {
        var realm = await app.NewCompanyAsync();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, _, _, _) = await api.JobAsync();
        var first = (await api.InvoiceAsync(jobId, ("First", 1, 1m, false, null, null))).Id();
        var invoices = new List<long>();
        for (var i = 0; i < Documents; i++) invoices.Add((await api.InvoiceAsync(jobId, ($"Line {i}", 1, 10m + i, false, null, null))).Id());
        var browser = await app.BrowserClientAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(browser, realm)).StatusCode);
        (await api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = (await api.ItemIdsAsync())["Services"] })).EnsureSuccessStatusCode();
        (await api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { first } })).EnsureSuccessStatusCode();
        await api.SyncedAsync("invoices", first);
        // Slow enough that the lanes are still sending when QuickBooks cuts the app off.
        await app.SlowQuickBooksAsync(realm, 700);

        var run = await (await api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();
        var runId = run.GetProperty("id").GetString()!;
        Assert.Equal(Documents, run.GetProperty("total").GetInt32());
        for (var i = 0; i < 300 && run.GetProperty("done").GetInt32() == 0; i++)
        {
            await Task.Delay(50);
            run = await api.GetJsonAsync($"/api/v1/quickbooks/push/{runId}");
        }
        Assert.True(run.GetProperty("done").GetInt32() > 0, $"The run never got going: {run}");
        var qboAdmin = app.CreateEmulatorAdminClient();
        Assert.True((await qboAdmin.PostAsync($"/qbo/admin/api/companies/{realm}/disconnect", null)).IsSuccessStatusCode);

        // The lanes' next calls find the tokens revoked: the connection needs reconnecting, and the run keeps what is left.
        for (var i = 0; i < 300 && (await app.ConnectionAsync(user))!.Status != QboConnectionStatus.NeedsReconnect; i++) await Task.Delay(100);
        Assert.Equal(QboConnectionStatus.NeedsReconnect, (await app.ConnectionAsync(user))!.Status);
        await Task.Delay(1500); // answers already in flight come back and are recorded
        run = await api.GetJsonAsync($"/api/v1/quickbooks/push/{runId}");
        Assert.Equal("running", run.GetProperty("state").GetString());
        Assert.True(run.GetProperty("remaining").GetInt32() > 0, $"Everything went before the disconnect, so it tested nothing: {run}");
        Assert.Equal(0, run.GetProperty("failed").GetInt32());

        await app.SlowQuickBooksAsync(realm, 0);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(browser, realm)).StatusCode);

        // A drain left waiting for lanes that had ended would keep the company's grain busy, and reconnecting would start nothing.
        run = await api.RunEndedAsync(runId);
        Assert.Equal("finished", run.GetProperty("state").GetString());
        Assert.Equal(Documents, run.GetProperty("done").GetInt32());
        foreach (var id in invoices) await api.SyncedAsync("invoices", id);
        var qbo = await app.QuickBooksAsync(realm);
        var all = (await qbo.Client.QueryAsync<QboInvoice>(qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items;
        foreach (var id in invoices) Assert.Single(all, i => i.PrivateNote?.Contains($"[groundwork:invoice:{id}]", StringComparison.Ordinal) == true);
        Assert.Contains(await app.WithDbAsync(user, db => db.QboSyncLog.Where(e => e.Operation == "create" && e.Entity == "Invoice").Select(e => e.RequestId).ToListAsync()),
            r => r!.StartsWith("gw-b-", StringComparison.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(user, db => db.QboOutbox.CountAsync()));
    }
}
