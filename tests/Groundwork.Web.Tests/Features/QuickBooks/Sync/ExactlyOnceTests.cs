using System.Net;
using System.Text;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Nothing is written to QuickBooks twice: lost answers, a crash between write and link, server errors, concurrent Push All.</summary>
[Trait("Category", "Database")]
public sealed class ExactlyOnceTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private async Task FaultsAsync(string realm, string json)
    {
        var response = await app.CreateEmulatorAdminClient().PutAsync($"/qbo/admin/api/faults/{realm}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode);
    }

    private static async Task<List<QboInvoice>> InvoicesMarkedAsync(PushOwner owner, long documentId) =>
        [.. (await owner.Qbo.Client.QueryAsync<QboInvoice>(owner.Qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items
            .Where(i => i.PrivateNote?.Contains($"[groundwork:invoice:{documentId}]", StringComparison.Ordinal) == true)];

    [Fact]
    public async Task Push_QuickBooksDropsTheAnswerAfterCommitting_MakesOneInvoice()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        await FaultsAsync(owner.Realm, """{"dropResponseNext":1}""");

        var invoice = await owner.Api.InvoiceAsync(jobId, ("Second", 1, 20m, false, null, null));
        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());

        var marked = Assert.Single(await InvoicesMarkedAsync(owner, invoice.Id()));
        Assert.Equal(marked.Id, sync.GetProperty("qboId").GetString());
    }

    [Fact]
    public async Task Push_AfterACrashBetweenWriteAndLink_FindsTheRecordByItsMarkerInsteadOfWritingAgain()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, locationId, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        await SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Second", 1, 20m, false, null, null));
        // What a crash leaves behind: QuickBooks has the invoice (with Groundwork's marker), Groundwork has no link and an uncertain row.
        var subCustomer = await app.WithDbAsync(owner.User, db => db.QboLinks.Where(l => l.Kind == LinkedKind.Location && l.LocalId == locationId).Select(l => l.QboId).SingleAsync());
        var written = await owner.Qbo.CreateAsync(new QboInvoice
        {
            CustomerRef = new QboRef(subCustomer), DocNumber = invoice.GetProperty("number").GetString(),
            PrivateNote = $"Groundwork invoice {invoice.GetProperty("number").GetString()} [groundwork:invoice:{invoice.Id()}]",
            Line = [new QboLine { Amount = 20m, DetailType = "SalesItemLineDetail", SalesItemLineDetail = new QboSalesItemLineDetail { ItemRef = new QboRef(owner.DefaultItemId), Qty = 1, UnitPrice = 20m } }],
        });
        await app.WithDbAsync(owner.User, db => db.QboOutbox.Where(e => e.LocalId == invoice.Id()).ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, true)));

        await SetStatusAsync(owner, QboConnectionStatus.Connected);
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICompanySyncGrain>(owner.User.OrganizationId).WakeAsync();
        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());

        Assert.Equal(written.Id, sync.GetProperty("qboId").GetString());
        Assert.Single(await InvoicesMarkedAsync(owner, invoice.Id()));
        var found = await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.LocalId == invoice.Id() && e.Result == SyncResult.Found).CountAsync());
        Assert.Equal(1, found);
    }

    [Fact]
    public async Task Push_QuickBooksAnswers5xxTwice_RetriesAndMakesOneInvoice()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        await FaultsAsync(owner.Realm, """{"failNext":2}""");

        var invoice = await owner.Api.InvoiceAsync(jobId, ("Second", 1, 20m, false, null, null));
        await owner.Api.SyncedAsync("invoices", invoice.Id());

        Assert.Single(await InvoicesMarkedAsync(owner, invoice.Id()));
    }

    [Fact]
    public async Task PushAll_PressedTwiceAtOnce_StartsOneRunThatPushesEveryUnsyncedDocument()
    {
        // Documents made before connecting wait in Unsynced Records.
        var realm = await app.NewCompanyAsync();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, _, _, _) = await api.JobAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add((await api.InvoiceAsync(jobId, ($"Line {i}", 1, 10m + i, false, null, null))).Id());
        var browser = await app.BrowserClientAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(browser, realm)).StatusCode);
        var items = await api.ItemIdsAsync();
        (await api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = items["Services"] })).EnsureSuccessStatusCode();
        var unsynced = await api.GetJsonAsync("/api/v1/quickbooks/unsynced");
        Assert.Equal(5, unsynced.GetProperty("total").GetInt32());

        var presses = await Task.WhenAll(api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true }), api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true }));

        var runs = await Task.WhenAll(presses.Select(p => p.ReadJsonAsync()));
        Assert.All(presses, p => Assert.Equal(HttpStatusCode.Accepted, p.StatusCode));
        // One run holds the documents: the same run for both presses, or — when the first run was already over by the time
        // the second press was handled (a busy machine) — a second run with nothing left to push. Never two runs sharing them.
        var distinct = runs.DistinctBy(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(5, distinct.Sum(r => r.GetProperty("total").GetInt32()));
        var runId = distinct.Single(r => r.GetProperty("total").GetInt32() == 5).GetProperty("id").GetString();
        foreach (var id in ids) await api.SyncedAsync("invoices", id);
        System.Text.Json.JsonElement status = default;
        for (var i = 0; i < 100; i++)
        {
            status = await api.GetJsonAsync($"/api/v1/quickbooks/push/{runId}");
            if (status.GetProperty("state").GetString() == "finished") break;
            await Task.Delay(100);
        }
        Assert.Equal("finished", status.GetProperty("state").GetString());
        Assert.Equal(5, status.GetProperty("total").GetInt32());
        Assert.Equal(5, status.GetProperty("done").GetInt32());
        Assert.Equal(0, status.GetProperty("remaining").GetInt32());
        Assert.Equal(0, (await api.GetJsonAsync("/api/v1/quickbooks/unsynced")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Push_RequestIdsAreWithinQuickBooksFiftyCharacters()
    {
        Assert.True(DocumentPusher.RequestId(long.MaxValue, int.MaxValue, "u" + int.MaxValue).Length <= 50);
        Assert.Equal("gw-42-0-create", DocumentPusher.RequestId(42, 0, "create"));
        await Task.CompletedTask;
    }

    private Task<int> SetStatusAsync(PushOwner owner, QboConnectionStatus status) =>
        app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status)));
}
