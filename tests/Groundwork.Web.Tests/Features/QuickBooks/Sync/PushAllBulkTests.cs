using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Push All of documents whose names are linked goes in batch requests and single creates at once, each document once.</summary>
[Trait("Category", "Database")]
public sealed class PushAllBulkTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task PushAll_ManyDocumentsWithLinkedNames_UsesBatchRequestsAndCreatesEachOnce()
    {
        var realm = await app.NewCompanyAsync();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, _, _, _) = await api.JobAsync();
        var vendor = (await api.CreateVendorAsync()).Id();
        var first = (await api.InvoiceAsync(jobId, ("First", 1, 1m, false, null, null))).Id();
        var firstBill = (await api.CreateBillAsync(jobId, vendor, 1m)).Id();
        var invoices = new List<long>();
        for (var i = 0; i < 40; i++) invoices.Add((await api.InvoiceAsync(jobId, ($"Line {i}", 2, 10m + i, false, null, null))).Id());
        var bills = new List<long>();
        for (var i = 0; i < 8; i++) bills.Add((await api.CreateBillAsync(jobId, vendor, 5m + i)).Id());
        var browser = await app.BrowserClientAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(browser, realm)).StatusCode);
        (await api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = (await api.ItemIdsAsync())["Services"] })).EnsureSuccessStatusCode();
        // One invoice and one bill first: their push links the customer, sub-customer and vendor.
        (await api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { first, firstBill } })).EnsureSuccessStatusCode();
        await api.SyncedAsync("invoices", first);
        await api.SyncedAsync("bills", firstBill);

        var run = await (await api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();

        Assert.Equal(48, run.GetProperty("total").GetInt32());
        foreach (var id in invoices) await api.SyncedAsync("invoices", id);
        foreach (var id in bills) await api.SyncedAsync("bills", id);
        var qbo = await app.QuickBooksAsync(realm);
        var all = (await qbo.Client.QueryAsync<QboInvoice>(qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items;
        foreach (var id in invoices)
        {
            var marked = Assert.Single(all, i => i.PrivateNote?.Contains($"[groundwork:invoice:{id}]", StringComparison.Ordinal) == true);
            Assert.Equal(2 * (10m + invoices.IndexOf(id)), marked.TotalAmt);
        }
        var creates = await app.WithDbAsync(user, db => db.QboSyncLog.Where(e => e.Operation == "create" && (e.Entity == "Invoice" || e.Entity == "Bill")).ToListAsync());
        Assert.Contains(creates, e => e.RequestId!.StartsWith("gw-b-", StringComparison.Ordinal));
        Assert.Equal(50, creates.Select(e => e.LocalId).Distinct().Count());
        Assert.Equal(50, creates.Count);
        Assert.Equal(0, await app.WithDbAsync(user, db => db.QboOutbox.CountAsync()));
        // What the bulk path wrote without the change tracker reads back like a save.
        var batched = creates.Where(e => e.RequestId!.StartsWith("gw-b-", StringComparison.Ordinal)).ToList();
        var ids = batched.Select(e => e.LocalId).ToList();
        Assert.All(batched, e =>
        {
            Assert.StartsWith("Push All by ", e.Trigger, StringComparison.Ordinal);
            Assert.Equal(SyncResult.Succeeded, e.Result);
            Assert.Equal(DateTimeKind.Utc, e.AtUtc.Kind);
            Assert.False(string.IsNullOrEmpty(e.QboId));
        });
        var links = await app.WithDbAsync(user, db => db.QboLinks.Where(l => (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill) && ids.Contains(l.LocalId)).ToListAsync());
        Assert.Equal(ids.Count, links.Count);
        Assert.All(links, l =>
        {
            Assert.Equal($"{l.QboType}:{l.QboId}", l.QboIdentity);
            var logged = batched.Single(e => e.LocalId == l.LocalId);
            Assert.Equal(logged.QboId, l.QboId);
            Assert.InRange(l.CreatedAtUtc, logged.AtUtc.AddMinutes(-1), logged.AtUtc.AddMinutes(1));
            Assert.Equal(user.OrganizationId, l.OrganizationId);
            Assert.Equal(QboLinkSource.Created, l.Source);
            Assert.False(string.IsNullOrEmpty(l.SyncToken));
        });
        var syncs = await app.WithDbAsync(user, db => db.DocumentSyncs.Where(s => ids.Contains(s.DocumentId)).ToListAsync());
        Assert.Equal(ids.Count, syncs.Count);
        Assert.All(syncs, s => Assert.True(s.State == SyncState.Synced && s.Message is null && s.Problem is null, $"{s.DocumentId}: {s.State} {s.Message}"));
    }

    [Fact]
    public void BatchRequestId_IsWithinQuickBooksThirtySixCharacters_AndTheSameForTheSameDocuments()
    {
        PushPlan Plan(long id) => new(id, Groundwork.Web.Features.Documents.DocumentKind.Invoice, "N", "Invoice", "create", null, [], [], null,
            new DateOnly(2026, 1, 1), null, 0, 0, 0, null, []);
        var a = BulkCreator.BatchRequestId([Plan(1), Plan(2)]);

        Assert.Equal(36, a.Length);
        Assert.Equal(a, BulkCreator.BatchRequestId([Plan(1), Plan(2)]));
        Assert.NotEqual(a, BulkCreator.BatchRequestId([Plan(1), Plan(3)]));
    }
}
