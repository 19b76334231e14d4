using System.Text;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>What follows a synced document: renames of its names, voids of credit memos, rejected bills, a throttled QuickBooks.</summary>
[Trait("Category", "Database")]
public sealed class PushFollowUpTests(FakeClockQboAppFactory app) : IClassFixture<FakeClockQboAppFactory>
{
    private Task<QboResult<T>> ReadAsync<T>(PushOwner owner, string id) where T : QboEntity, IQboEntity<T> => owner.Qbo.Client.ReadAsync<T>(owner.Qbo.Company, id, default);

    [Fact]
    public async Task RenameLinkedCustomer_RenamesItInQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, customerId, customer, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("Work", 1, 10m, false, null, null))).Id());
        var qboId = await app.WithDbAsync(owner.User, db => db.QboLinks.Where(l => l.Kind == LinkedKind.Customer && l.LocalId == customerId).Select(l => l.QboId).SingleAsync());
        var renamed = customer + " Renamed";

        var saved = await owner.Api.PutJsonAsync($"/api/v1/customers/{customerId}", new { name = renamed });
        saved.EnsureSuccessStatusCode();

        for (var i = 0; i < 100 && (await ReadAsync<QboCustomer>(owner, qboId)).Value.DisplayName != renamed; i++) await Task.Delay(100);
        Assert.Equal(renamed, (await ReadAsync<QboCustomer>(owner, qboId)).Value.DisplayName);
    }

    [Fact]
    public async Task VoidSyncedNegativeInvoice_DeletesTheCreditMemo_AndRejectingASyncedBillZeroesIt()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var credit = await owner.Api.InvoiceAsync(jobId, ("Credit", 1, -20m, false, null, null));
        var bill = await owner.Api.CreateBillAsync(jobId, (await owner.Api.CreateVendorAsync()).Id(), 30m);
        var memoId = (await owner.Api.SyncedAsync("invoices", credit.Id())).GetProperty("qboId").GetString()!;
        var billId = (await owner.Api.SyncedAsync("bills", bill.Id())).GetProperty("qboId").GetString()!;

        await owner.Api.ActAsync($"/api/v1/invoices/{credit.Id()}/void");
        await owner.Api.ActAsync($"/api/v1/bills/{bill.Id()}/reject");

        for (var i = 0; i < 100 && (await ReadAsync<QboBill>(owner, billId)).Value.TotalAmt != 0m; i++) await Task.Delay(100);
        Assert.Equal(0m, (await ReadAsync<QboBill>(owner, billId)).Value.TotalAmt);
        var memos = (await owner.Qbo.Client.QueryAsync<QboCreditMemo>(owner.Qbo.Company, QboQuery.From("CreditMemo").MaxResults(1000), default)).Items;
        Assert.DoesNotContain(memos, m => m.Id == memoId);
        var log = await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.LocalId == credit.Id()).Select(e => e.Operation).ToListAsync());
        Assert.Contains("delete", log);
    }

    [Fact]
    public async Task VoidBeforeThePushRan_SendsNothingToQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, customer, _) = await owner.Api.JobAsync();
        await app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, Groundwork.Web.Features.QuickBooks.Connection.QboConnectionStatus.NeedsReconnect)));
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 10m, false, null, null));
        await owner.Api.ActAsync($"/api/v1/invoices/{invoice.Id()}/void");
        await app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, Groundwork.Web.Features.QuickBooks.Connection.QboConnectionStatus.Connected)));

        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICompanySyncGrain>(owner.User.OrganizationId).WakeAsync();
        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id(), "notSynced");

        Assert.Contains("voided before it was pushed", sync.GetProperty("message").GetString(), StringComparison.Ordinal);
        var customers = (await owner.Qbo.Client.QueryAsync<QboCustomer>(owner.Qbo.Company, QboQuery.From("Customer").WhereEquals("DisplayName", customer), default)).Items;
        Assert.Empty(customers);
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync()));
    }

    [Fact]
    public async Task Push_QuickBooksThrottles_WaitsOnTheAppClockAndSucceedsWithoutAttention()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        var inject = await app.CreateEmulatorAdminClient().PutAsync($"/qbo/admin/api/faults/{owner.Realm}",
            new StringContent("""{"throttleNext":1}""", Encoding.UTF8, "application/json"));
        Assert.True(inject.IsSuccessStatusCode);

        var invoice = await owner.Api.InvoiceAsync(jobId, ("Second", 1, 20m, false, null, null));
        var synced = owner.Api.SyncedAsync("invoices", invoice.Id());
        var sync = await app.AdvanceUntilDoneAsync(synced, TimeSpan.FromMinutes(5));

        Assert.Equal("synced", sync.GetProperty("state").GetString());
        var marked = (await owner.Qbo.Client.QueryAsync<QboInvoice>(owner.Qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items
            .Count(i => i.PrivateNote?.Contains($"[groundwork:invoice:{invoice.Id()}]", StringComparison.Ordinal) == true);
        Assert.Equal(1, marked);
        // The 429 was really served (the injected throttle is used up), and waited out rather than shown.
        var faults = await (await app.CreateEmulatorAdminClient().GetAsync("/qbo/admin/api/faults")).ReadJsonAsync();
        Assert.Equal(0, faults.GetProperty(owner.Realm).GetProperty("throttleNext").GetInt32());
    }
}
