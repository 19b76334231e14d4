using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Reconciliation;

/// <summary>A payment recorded in Groundwork and pushed, then edited by the bookkeeper in QuickBooks: the report after the edit.</summary>
[Trait("Category", "Database")]
public sealed class ReconciliationPaymentEditTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    [Fact]
    public async Task Reconciliation_LinkedPaymentEditedInQuickBooks_FollowsTheEdit_OnlyItsUnappliedAmountDiffers()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var (id, invoiceQbo) = await owner.PushedInvoiceAsync(jobId, 100m);
        var recorded = await owner.Api.PostJsonAsync("/api/v1/payments", new
        {
            method = "Check", reference = "CHK-9", date = ReconciliationTestData.Day.AddDays(1), applications = new[] { new { documentId = id, amount = 40m } },
        });
        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        var paymentId = (await recorded.ReadJsonAsync()).Id();
        var qboId = (await owner.Api.PaymentSyncAsync(paymentId, "synced")).GetProperty("qboId").GetString()!;
        await app.ProcessedAsync(owner, "Payment", qboId);

        // The bookkeeper applies only 30 of the 40 to the invoice; 10 stays on the customer's account.
        var qbo = await owner.Qbo.ReadAsync<QboPayment>(qboId);
        await owner.Qbo.UpdateAsync(qbo with
        {
            Line = [new QboLine { Amount = 30m, LinkedTxn = [new QboLinkedTxn { TxnId = invoiceQbo, TxnType = "Invoice" }] }], Sparse = false,
        });
        await owner.Api.PaidAsync("invoices", id, 3_000);

        var report = await owner.Api.ReportAsync();

        var payment = Assert.Single(await owner.Api.PaymentsOfAsync(id));
        Assert.Equal((paymentId, "Groundwork", 4_000L), (payment.Id(), payment.GetProperty("source").GetString(), payment.GetProperty("amountCents").GetInt64()));
        var difference = Assert.Single(report.Differences());
        Assert.Equal(("unappliedPayment", qboId), (difference.Cause(), difference.GetProperty("qboId").GetString()));
        Assert.Equal((1, 4_000L), report.Summary("payments").Side("groundwork"));
        Assert.Equal((1, 4_000L), report.Summary("payments").Side("quickBooks"));
        Assert.Equal(1_000, report.Summary("payments").GetProperty("quickBooks").GetProperty("unappliedCents").GetInt64());
        Assert.Equal(7_000, report.Summary("invoices").GetProperty("groundwork").GetProperty("openCents").GetInt64());
        Assert.Equal(7_000, report.Summary("invoices").GetProperty("quickBooks").GetProperty("openCents").GetInt64());
    }
}
