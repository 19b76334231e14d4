using Groundwork.QuickBooks.Wire;
using Groundwork.QuickBooks;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>The app stopped between a write to QuickBooks and its link: a fresh host on the same database finishes the push without a duplicate.</summary>
[Trait("Category", "Database")]
public sealed class RestartTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task FreshHost_OnTheSameDatabase_FindsWhatTheStoppedOneWroteAndLinksItOnce()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, locationId, _, _, _) = await owner.Api.JobAsync();
        await owner.Api.SyncedAsync("invoices", (await owner.Api.InvoiceAsync(jobId, ("First", 1, 10m, false, null, null))).Id());
        // The first host stops pushing (as if it died): its grain finds no connection to push with.
        await app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, QboConnectionStatus.NeedsReconnect)));
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Second", 1, 20m, false, null, null));
        var number = invoice.GetProperty("number").GetString();
        var subCustomer = await app.WithDbAsync(owner.User, db => db.QboLinks.Where(l => l.Kind == LinkedKind.Location && l.LocalId == locationId).Select(l => l.QboId).SingleAsync());
        // It had written the invoice to QuickBooks and marked its row uncertain, but died before linking it.
        var written = await owner.Qbo.CreateAsync(new QboInvoice
        {
            CustomerRef = new QboRef(subCustomer), DocNumber = number, PrivateNote = $"Groundwork invoice {number} {PushMarker.For(Groundwork.Web.Features.Documents.DocumentKind.Invoice, invoice.Id())}",
            Line = [new QboLine { Amount = 20m, DetailType = "SalesItemLineDetail", SalesItemLineDetail = new QboSalesItemLineDetail { ItemRef = new QboRef(owner.DefaultItemId), Qty = 1, UnitPrice = 20m } }],
        });
        await app.WithDbAsync(owner.User, async db =>
        {
            await db.QboOutbox.Where(e => e.LocalId == invoice.Id()).ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, true));
            return await db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, QboConnectionStatus.Connected));
        });

        await using var fresh = new SecondHostFactory(app);
        fresh.StartServer();
        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());

        Assert.Equal(written.Id, sync.GetProperty("qboId").GetString());
        var all = (await owner.Qbo.Client.QueryAsync<QboInvoice>(owner.Qbo.Company, QboQuery.From("Invoice").MaxResults(1000), default)).Items;
        Assert.Single(all, i => i.PrivateNote?.Contains(PushMarker.For(Groundwork.Web.Features.Documents.DocumentKind.Invoice, invoice.Id()), StringComparison.Ordinal) == true);
    }
}
