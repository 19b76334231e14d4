using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// Cancel reaches documents on the one-by-one path too (names to create first, so not in a batch): once a run is cancelled,
/// the drain sends none of its documents still waiting, even those in the chunk it is working through.
/// </summary>
[Trait("Category", "Database")]
public sealed class PushCancelSingleTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task CancelPushSelected_WhileTheFirstDocumentIsWithQuickBooks_TheOthersInItsChunkAreNeverSent()
    {
        var invoices = new List<long>();
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            // Each with a customer QuickBooks does not have yet: pushed one by one, each creating its names first.
            for (var i = 0; i < 3; i++) invoices.Add((await api.InvoiceAsync((await api.JobAsync()).JobId, ($"Line {i}", 1, 100m + i, false, null, null))).Id());
        });
        await app.SlowQuickBooksAsync(owner.Realm, 1000);
        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = invoices })).ReadJsonAsync();
        // The first document's create is on its way (its row is marked uncertain just before it is sent).
        for (var i = 0; i < 400 && !await app.WithDbAsync(owner.User, db => db.QboOutbox.AnyAsync(e => e.LocalId == invoices[0] && e.Uncertain)); i++) await Task.Delay(25);
        Assert.True(await app.WithDbAsync(owner.User, db => db.QboOutbox.AnyAsync(e => e.LocalId == invoices[0] && e.Uncertain)), "The first create was never sent.");

        var cancelled = await (await owner.Api.PostJsonAsync($"/api/v1/quickbooks/push/{run.GetProperty("id").GetString()}/cancel", new { })).ReadJsonAsync();

        Assert.Equal("cancelled", cancelled.GetProperty("state").GetString());
        await owner.Api.SyncedAsync("invoices", invoices[0]);
        await app.SlowQuickBooksAsync(owner.Realm, 0);
        for (var i = 0; i < 100 && await app.WithDbAsync(owner.User, db => db.QboOutbox.AnyAsync()); i++) await Task.Delay(100);
        // Long enough for a drain still holding the chunk to have reached the next documents.
        await Task.Delay(3000);
        var inQuickBooks = (await owner.Qbo.Client.QueryAsync<QboInvoice>(owner.Qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items
            .Where(i => i.PrivateNote?.Contains("[groundwork:invoice:", StringComparison.Ordinal) == true).ToList();
        Assert.Single(inQuickBooks);
        Assert.Equal([invoices[0]], await app.WithDbAsync(owner.User, db => db.QboLinks.Where(l => l.Kind == Groundwork.Web.Features.QuickBooks.Links.LinkedKind.Invoice && invoices.Contains(l.LocalId)).Select(l => l.LocalId).ToListAsync()));
        var states = await app.WithDbAsync(owner.User, db => db.DocumentSyncs.Where(s => s.DocumentId != invoices[0] && invoices.Contains(s.DocumentId))
            .Select(s => new { s.State, s.Message }).ToListAsync());
        Assert.Equal(2, states.Count);
        Assert.All(states, s => Assert.Equal(("NotSynced", "Push cancelled."), (s.State.ToString(), s.Message)));
    }
}
