using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>Queries read two rows per page, so a company's payments span several pages (as thousands do at 1,000 a page).</summary>
public sealed class SmallPagesPaymentAppFactory() : QboAppFactory(sqliteFile: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("QuickBooks:Limits:ListPageSize", "2");
    }
}

/// <summary>After an unanswered create, the payment is looked up by Groundwork's marker across every page of QBO's answer.</summary>
[Trait("Category", "Database")]
public sealed class PaymentMarkerLookupTests(SmallPagesPaymentAppFactory app) : IClassFixture<SmallPagesPaymentAppFactory>
{
    [Fact]
    public async Task DeletedPayment_WhoseCreateWentUnanswered_IsFoundByItsMarkerOnALaterPage_AndDeletedInQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (invoiceId, invoiceQbo) = await owner.SyncedInvoiceAsync(100m);
        var customer = (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQbo)).CustomerRef!;
        await app.SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var payment = await owner.Api.RecordPaymentAsync(null, (invoiceId, 40m));
        // What a crash after the create leaves behind: an uncertain row, no link; then the payment is deleted in Groundwork.
        await app.WithDbAsync(owner.User, db => db.QboOutbox.Where(e => e.Kind == LinkedKind.Payment && e.LocalId == payment.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, true)));
        (await owner.Api.DeleteAsync($"/api/v1/payments/{payment.Id()}")).EnsureSuccessStatusCode();
        for (var i = 0; i < 3; i++) await owner.Qbo.CreateAsync(new QboPayment { CustomerRef = customer, TotalAmt = 5m + i });
        var written = await owner.Qbo.CreateAsync(new QboPayment
        {
            CustomerRef = customer, TotalAmt = 40m, PrivateNote = $"Groundwork payment {PaymentPusher.Marker(payment.Id())}",
            Line = [new QboLine { Amount = 40m, LinkedTxn = [new QboLinkedTxn { TxnId = invoiceQbo, TxnType = "Invoice" }] }],
        });
        Assert.Equal(60m, (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQbo)).Balance);

        await app.SetStatusAsync(owner, QboConnectionStatus.Connected);
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICompanySyncGrain>(owner.User.OrganizationId).WakeAsync();

        for (var i = 0; i < 300 && (await owner.Qbo.MarkedAsync<QboPayment>(payment.Id())).Count > 0; i++) await Task.Delay(100);
        Assert.Empty(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));
        Assert.Equal(100m, (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQbo)).Balance);
        // The log line commits after QuickBooks answered the delete: wait for it as for the delete.
        Task<List<(string? QboId, SyncResult Result)>> DeletesAsync() => app.WithDbAsync(owner.User, async db =>
            (await db.QboSyncLog.Where(e => e.Kind == LinkedKind.Payment && e.LocalId == payment.Id() && e.Operation == "delete")
                .Select(e => new { e.QboId, e.Result }).ToListAsync()).Select(e => (e.QboId, e.Result)).ToList());
        var deletes = await DeletesAsync();
        for (var i = 0; i < 300 && deletes.Count == 0; i++)
        {
            await Task.Delay(100);
            deletes = await DeletesAsync();
        }
        Assert.Equal((written.Id, SyncResult.Succeeded), deletes.Single());
        // Only the marked one went: the customer's three other payments (the first page and a half) are still there.
        Assert.Equal(3, (await owner.Qbo.Client.QueryAsync<QboPayment>(owner.Qbo.Company,
            Groundwork.QuickBooks.QboQuery.From("Payment").WhereEquals("CustomerRef", customer.Value!), default)).Items.Count);
    }
}
