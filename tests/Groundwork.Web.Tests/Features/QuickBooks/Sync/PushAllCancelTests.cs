using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Cancel reaches documents already handed to Push All's lanes: those no lane has sent yet are never sent.</summary>
[Trait("Category", "Database")]
public sealed class PushAllCancelTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const int Documents = 150;

    [Fact]
    public async Task CancelWhileTheLanesSend_DocumentsNotYetSentStayOutOfQuickBooks_EverySentOneIsLinked()
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
        // Every answer takes two seconds: the lanes hold about a hundred documents, the rest wait for a lane.
        await app.SlowQuickBooksAsync(realm, 2000);

        var run = await (await api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();
        var runId = run.GetProperty("id").GetString()!;
        for (var i = 0; i < 200 && !await app.WithDbAsync(user, db => db.QboOutbox.AnyAsync(e => e.Uncertain)); i++) await Task.Delay(25);
        Assert.True(await app.WithDbAsync(user, db => db.QboOutbox.AnyAsync(e => e.Uncertain)), "Push All never handed documents to its lanes.");

        var cancelled = await (await api.PostJsonAsync($"/api/v1/quickbooks/push/{runId}/cancel", new { })).ReadJsonAsync();

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        // What the lanes had sent comes back and is linked; nothing else is left queued.
        for (var i = 0; i < 300 && await app.WithDbAsync(user, db => db.QboOutbox.AnyAsync()); i++) await Task.Delay(100);
        Assert.False(await app.WithDbAsync(user, db => db.QboOutbox.AnyAsync()), "Rows were still queued long after the cancel.");
        await app.SlowQuickBooksAsync(realm, 0);
        var qbo = await app.QuickBooksAsync(realm);
        var inQuickBooks = (await qbo.Client.QueryAsync<QboInvoice>(qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items
            .Where(i => i.PrivateNote?.Contains("[groundwork:invoice:", StringComparison.Ordinal) == true).ToList();
        var linked = await app.WithDbAsync(user, db => db.QboLinks.Where(l => invoices.Contains(l.LocalId)).Select(l => l.LocalId).ToListAsync());
        Assert.Equal(inQuickBooks.Count - 1, linked.Count); // the first invoice was pushed before
        Assert.InRange(linked.Count, 1, Documents - 1);
        var notSent = invoices.Except(linked).ToList();
        var states = await app.WithDbAsync(user, db => db.DocumentSyncs.Where(s => notSent.Contains(s.DocumentId)).Select(s => new { s.State, s.Message }).ToListAsync());
        Assert.All(states, s => Assert.Equal(("NotSynced", "Push cancelled."), (s.State.ToString(), s.Message)));
        var unsynced = await api.GetJsonAsync("/api/v1/quickbooks/unsynced?pageSize=200");
        Assert.Equal(notSent.Count, unsynced.GetProperty("total").GetInt32());
    }
}
