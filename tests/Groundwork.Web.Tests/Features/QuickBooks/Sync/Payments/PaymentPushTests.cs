using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>
/// A payment recorded in Groundwork reaches QuickBooks once, linked to its documents' QBO records; it waits (with its reason)
/// for documents not yet there and for the bill payment account; a delete follows. Webhooks come back to the app for real,
/// so each test also shows the echo makes no second record.
/// </summary>
[Trait("Category", "Database")]
public sealed class PaymentPushTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    [Fact]
    public async Task RecordedPayment_OnTwoSyncedInvoices_CreatesOneQboPaymentLinkedToBothWithItsAmounts()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var first = await owner.Api.CreateInvoiceAsync(jobId, 100m);
        var second = await owner.Api.CreateInvoiceAsync(jobId, 50m);
        var firstQbo = (await owner.Api.SyncedAsync("invoices", first.Id())).GetProperty("qboId").GetString()!;
        var secondQbo = (await owner.Api.SyncedAsync("invoices", second.Id())).GetProperty("qboId").GetString()!;

        var payment = await owner.Api.RecordPaymentAsync("CHK-1042", (first.Id(), 100m), (second.Id(), 20m));

        var sync = await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));
        Assert.Equal((qbo.Id, "Payment"), (sync.GetProperty("qboId").GetString(), sync.GetProperty("qboType").GetString()));
        Assert.Equal((await owner.Qbo.ReadAsync<QboInvoice>(firstQbo)).CustomerRef!.Value, qbo.CustomerRef!.Value);
        Assert.Equal((120m, "CHK-1042"), (qbo.TotalAmt, qbo.PaymentRefNum));
        Assert.Equal([(firstQbo, 100m), (secondQbo, 20m)], qbo.Line!.Select(l => (l.LinkedTxn![0].TxnId!, l.Amount!.Value)).ToList());
        Assert.Equal(0m, (await owner.Qbo.ReadAsync<QboInvoice>(firstQbo)).Balance);
        Assert.Equal(30m, (await owner.Qbo.ReadAsync<QboInvoice>(secondQbo)).Balance);
        await app.ProcessedAsync(owner, "Payment", qbo.Id!);
        Assert.Single(await owner.Api.PaymentsOfAsync(first.Id()));
        Assert.Equal("Groundwork", Assert.Single(await owner.Api.PaymentsOfAsync(second.Id())).GetProperty("source").GetString());
        var invoice = await owner.Api.GetJsonAsync($"/api/v1/invoices/{second.Id()}");
        Assert.Equal((2_000, "PartiallyPaid"), (invoice.GetProperty("paidCents").GetInt64(), invoice.Status()));
    }

    [Fact]
    public async Task RecordedPayment_QuickBooksDropsTheAnswerAfterCommitting_MakesOnePaymentThereAndOneHere()
    {
        var owner = await app.PushOwnerAsync();
        var (id, _) = await owner.SyncedInvoiceAsync(80m);
        await app.FaultsAsync(owner.Realm, """{"dropResponseNext":1}""");

        var payment = await owner.Api.RecordPaymentAsync(null, (id, 80m));

        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));
        await app.ProcessedAsync(owner, "Payment", qbo.Id!);
        Assert.Equal(payment.Id(), Assert.Single(await owner.Api.PaymentsOfAsync(id)).Id());
        Assert.Equal("Paid", (await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}")).Status());
    }

    [Fact]
    public async Task BillPayment_WithTheChosenBankAccount_IsACheckFromItLinkedToTheBill()
    {
        var owner = await app.PushOwnerAsync();
        var bank = await owner.Api.ChooseAccountAsync("Checking");
        var (billId, billQbo) = await owner.SyncedBillAsync(300m);

        var payment = await owner.Api.RecordPaymentAsync("1001", (billId, 120m));

        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboBillPayment>(payment.Id()));
        Assert.Equal(("Check", bank), (qbo.PayType, qbo.CheckPayment!.BankAccountRef!.Value));
        Assert.Equal((await owner.Qbo.ReadAsync<QboBill>(billQbo)).VendorRef!.Value, qbo.VendorRef!.Value);
        Assert.Equal((billQbo, "Bill", 120m), (qbo.Line![0].LinkedTxn![0].TxnId, qbo.Line[0].LinkedTxn![0].TxnType, qbo.Line[0].Amount));
        Assert.Equal(180m, (await owner.Qbo.ReadAsync<QboBill>(billQbo)).Balance);
        await app.ProcessedAsync(owner, "BillPayment", qbo.Id!);
        Assert.Single(await owner.Api.PaymentsOfAsync(billId));
    }

    [Fact]
    public async Task BillPayment_WithACreditCardAccount_IsACardPayment()
    {
        var owner = await app.PushOwnerAsync();
        var card = await owner.Api.ChooseAccountAsync("Mastercard");
        var (billId, _) = await owner.SyncedBillAsync(60m);

        var payment = await owner.Api.RecordPaymentAsync(null, (billId, 60m));

        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboBillPayment>(payment.Id()));
        Assert.Equal(("CreditCard", card), (qbo.PayType, qbo.CreditCardPayment!.CCAccountRef!.Value));
    }

    [Fact]
    public async Task BillPayment_NoAccountChosen_WaitsWithTheReasonThenGoesOnceItIsChosen()
    {
        var owner = await app.PushOwnerAsync();
        var (billId, _) = await owner.SyncedBillAsync(90m);

        var payment = await owner.Api.RecordPaymentAsync(null, (billId, 90m));

        var waiting = await owner.Api.PaymentSyncAsync(payment.Id(), "waiting");
        Assert.Contains("bill payment account", waiting.GetProperty("message").GetString());
        Assert.Empty(await owner.Qbo.MarkedAsync<QboBillPayment>(payment.Id()));
        Assert.Equal(1, (await owner.Api.GetJsonAsync(PaymentTestData.AccountUrl)).GetProperty("waiting").GetInt32());

        await owner.Api.ChooseAccountAsync("Checking");

        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        Assert.Single(await owner.Qbo.MarkedAsync<QboBillPayment>(payment.Id()));
    }

    [Fact]
    public async Task Payment_OnAnInvoiceNotYetInQuickBooks_WaitsThenPushesRightAfterIt()
    {
        var owner = await app.PushOwnerAsync(defaultItem: false);
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));
        await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");

        var payment = await owner.Api.RecordPaymentAsync(null, (invoice.Id(), 40m));

        var waiting = await owner.Api.PaymentSyncAsync(payment.Id(), "waiting");
        Assert.Contains(invoice.GetProperty("number").GetString()!, waiting.GetProperty("message").GetString());
        Assert.Empty(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));

        (await owner.Api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = owner.DefaultItemId })).EnsureSuccessStatusCode();
        (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { invoice.Id() } })).EnsureSuccessStatusCode();

        var qboInvoice = (await owner.Api.SyncedAsync("invoices", invoice.Id())).GetProperty("qboId").GetString();
        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));
        Assert.Equal((qboInvoice, 40m), (qbo.Line![0].LinkedTxn![0].TxnId, qbo.TotalAmt));
    }

    [Fact]
    public async Task DeletedInGroundwork_SyncedPayment_IsDeletedInQuickBooksOnce()
    {
        var owner = await app.PushOwnerAsync();
        var (id, invoiceQbo) = await owner.SyncedInvoiceAsync(70m);
        var payment = await owner.Api.RecordPaymentAsync(null, (id, 70m));
        var qboId = (await owner.Api.PaymentSyncAsync(payment.Id(), "synced")).GetProperty("qboId").GetString()!;
        await app.ProcessedAsync(owner, "Payment", qboId);

        (await owner.Api.DeleteAsync($"/api/v1/payments/{payment.Id()}")).EnsureSuccessStatusCode();

        for (var i = 0; i < 300 && (await owner.Qbo.MarkedAsync<QboPayment>(payment.Id())).Count > 0; i++) await Task.Delay(100);
        Assert.Empty(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));
        var gone = await Assert.ThrowsAsync<QboException>(() => owner.Qbo.Client.ReadAsync<QboPayment>(owner.Qbo.Company, qboId, default));
        Assert.Equal(QboFault.ObjectNotFoundCode, gone.Fault.Code);
        Assert.Equal(70m, (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQbo)).Balance);
        await app.ProcessedAsync(owner, "Payment", qboId, atLeast: 2);
        Assert.Empty(await owner.Api.PaymentsOfAsync(id));
        var invoice = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");
        Assert.Equal(("Pending", 0L), (invoice.Status(), invoice.GetProperty("paidCents").GetInt64()));
        Assert.Equal(1, await app.WithDbAsync(owner.User, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.QboSyncLog, e => e.Operation == "delete" && e.Entity == "Payment")));
    }

    [Fact]
    public async Task BillPaymentAccount_NotABankOrCardAccount_IsRefusedWithAProblem()
    {
        var owner = await app.PushOwnerAsync();

        var response = await owner.Api.PutJsonAsync(PaymentTestData.AccountUrl, new { accountId = "999999" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bank or Credit Card", await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonNull, (await owner.Api.GetJsonAsync(PaymentTestData.AccountUrl)).GetProperty("account").ValueKind);
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
