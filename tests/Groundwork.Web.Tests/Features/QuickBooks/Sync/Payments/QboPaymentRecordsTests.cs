using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>
/// Payments the bookkeeper makes in QuickBooks (the emulator, whose webhooks reach the app on its real port) become
/// Groundwork payment records with source QuickBooks, applied to the linked documents; deleting or voiding them there
/// removes them here, and the documents' statuses follow.
/// </summary>
[Trait("Category", "Database")]
public sealed class QboPaymentRecordsTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    [Fact]
    public async Task PaymentInQuickBooks_OnTwoInvoices_IsOneRecordWithSourceQuickBooksAndBothStatuses()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var first = await owner.Api.CreateInvoiceAsync(jobId, 100m);
        var second = await owner.Api.CreateInvoiceAsync(jobId, 60m);
        var firstQbo = (await owner.Api.SyncedAsync("invoices", first.Id())).GetProperty("qboId").GetString()!;
        var secondQbo = (await owner.Api.SyncedAsync("invoices", second.Id())).GetProperty("qboId").GetString()!;
        var customer = (await owner.Qbo.ReadAsync<QboInvoice>(firstQbo)).CustomerRef;

        var qbo = await owner.Qbo.CreateAsync(new QboPayment
        {
            CustomerRef = customer, TotalAmt = 125m, PaymentRefNum = "R-77", TxnDate = new DateOnly(2026, 11, 20),
            Line =
            [
                new QboLine { Amount = 100m, LinkedTxn = [new QboLinkedTxn { TxnId = firstQbo, TxnType = "Invoice" }] },
                new QboLine { Amount = 25m, LinkedTxn = [new QboLinkedTxn { TxnId = secondQbo, TxnType = "Invoice" }] },
            ],
        });

        var payment = Assert.Single(await owner.Api.PaymentsOfAsync(first.Id(), 1));
        Assert.Equal(("QuickBooks", 12_500L, "R-77", "2026-11-20", "Other"), (payment.GetProperty("source").GetString(), payment.GetProperty("amountCents").GetInt64(),
            payment.GetProperty("reference").GetString(), payment.GetProperty("date").GetString(), payment.GetProperty("method").GetString()));
        Assert.Equal([(first.Id(), 10_000L), (second.Id(), 2_500L)],
            payment.GetProperty("applications").EnumerateArray().Select(a => (a.GetProperty("documentId").GetInt64(), a.GetProperty("amountCents").GetInt64())).ToList());
        Assert.Equal(("synced", qbo.Id), (payment.GetProperty("sync").GetProperty("state").GetString(), payment.GetProperty("sync").GetProperty("qboId").GetString()));
        Assert.Equal("Paid", (await owner.Api.StatusAsync("invoices", first.Id(), "Paid")).Status());
        var partly = await owner.Api.StatusAsync("invoices", second.Id(), "PartiallyPaid");
        Assert.Equal(("QuickBooks", true), (partly.LastHistory().GetProperty("byUser").GetString(),
            partly.LastHistory().GetProperty("note").GetString()!.Contains($"Payment id {qbo.Id}", StringComparison.Ordinal)));
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task PaymentInQuickBooks_PartOfABill_IsARecordAndThePartialStatus()
    {
        var owner = await app.PushOwnerAsync();
        var (billId, billQbo) = await owner.SyncedBillAsync(400m);

        await owner.Qbo.PayBillAsync(billQbo, 150m);

        var bill = await owner.Api.StatusAsync("bills", billId, "PartiallyPaid");
        Assert.Equal(15_000, bill.GetProperty("paidCents").GetInt64());
        var payment = Assert.Single(await owner.Api.PaymentsOfAsync(billId, 1));
        Assert.Equal(("QuickBooks", "Bill", "Check"), (payment.GetProperty("source").GetString(), payment.GetProperty("kind").GetString(), payment.GetProperty("method").GetString()));
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task PaymentDeletedInQuickBooks_RemovesTheRecordAndReopensTheInvoice()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(90m);
        var payment = await owner.Qbo.ReceivePaymentAsync(qboId, 90m);
        await owner.Api.PaymentsOfAsync(id, 1);

        await owner.Qbo.Client.DeleteAsync<QboPayment>(owner.Qbo.Company, payment.Id!, payment.SyncToken!, Guid.NewGuid().ToString("N"), default);

        await owner.Api.PaymentsOfAsync(id, 0);
        var invoice = await owner.Api.StatusAsync("invoices", id, "Pending");
        Assert.Equal(0, invoice.GetProperty("paidCents").GetInt64());
        Assert.Contains("deleted in QuickBooks", invoice.LastHistory().GetProperty("note").GetString());
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task PaymentVoidedInQuickBooks_RemovesThatRecordOnly()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(200m);
        var first = await owner.Qbo.ReceivePaymentAsync(qboId, 50m);
        await owner.Qbo.ReceivePaymentAsync(qboId, 30m);
        await owner.Api.PaymentsOfAsync(id, 2);

        await owner.Qbo.Client.VoidAsync<QboPayment>(owner.Qbo.Company, first.Id!, first.SyncToken!, Guid.NewGuid().ToString("N"), default);

        var left = Assert.Single(await owner.Api.PaymentsOfAsync(id, 1));
        Assert.Equal(3_000, left.GetProperty("amountCents").GetInt64());
        var invoice = await owner.Api.PaidAsync("invoices", id, 3_000);
        Assert.Equal("PartiallyPaid", invoice.Status());
    }

    [Fact]
    public async Task PaymentUnappliedInQuickBooks_ChangesTheRecordsApplications()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        var payment = await owner.Qbo.ReceivePaymentAsync(qboId, 100m);
        await owner.Api.StatusAsync("invoices", id, "Paid");

        await owner.Qbo.UpdateAsync(payment with { Line = [new QboLine { Amount = 40m, LinkedTxn = [new QboLinkedTxn { TxnId = qboId, TxnType = "Invoice" }] }] });

        var invoice = await owner.Api.PaidAsync("invoices", id, 4_000);
        Assert.Equal("PartiallyPaid", invoice.Status());
        var record = Assert.Single(await owner.Api.PaymentsOfAsync(id));
        Assert.Equal(4_000, Assert.Single(record.GetProperty("applications").EnumerateArray()).GetProperty("amountCents").GetInt64());
        Assert.Equal(10_000, record.GetProperty("amountCents").GetInt64());
    }

    [Fact]
    public async Task PaymentInQuickBooks_OnAnInvoiceGroundworkAlreadyCountsPaid_IsAppliedAndShownAsOverpaid()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        // Groundwork's payment is recorded while QuickBooks is out of reach, and the bookkeeper records the same money there.
        await app.SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var ours = await owner.Api.RecordPaymentAsync(null, (id, 100m));
        await owner.Qbo.ReceivePaymentAsync(qboId, 100m);
        await app.SetStatusAsync(owner, QboConnectionStatus.Connected);
        await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICompanySyncGrain>(owner.User.OrganizationId).WakeAsync();

        var invoice = await owner.Api.PaidAsync("invoices", id, 20_000);
        Assert.Equal(("Paid", -10_000L), (invoice.Status(), invoice.GetProperty("balanceCents").GetInt64()));
        Assert.Contains("overpaid by $100.00", invoice.LastHistory().GetProperty("note").GetString());
        Assert.Equal(2, (await owner.Api.PaymentsOfAsync(id)).Count);
        // QuickBooks has no open balance left for Groundwork's own payment: it is refused there and says so here.
        var refused = await owner.Api.PaymentSyncAsync(ours.Id(), "needsAttention");
        Assert.Contains("QuickBooks refused it", refused.GetProperty("message").GetString());
    }
}
