using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>
/// Payments recorded in Groundwork before QuickBooks was connected: listed in Unsynced Records once connected (waiting for
/// their documents), and pushed exactly once right after their documents, by Push All or by pushing a document alone. A
/// dismissal is kept on the payment, so removing and reconnecting the integration does not send it; nor is a payment made in
/// QuickBooks ever sent back. Through the real HTTP path, against the emulator (its webhooks reach the app).
/// </summary>
[Trait("Category", "Database")]
public sealed class PaymentsBeforeConnectingTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    private const string UnsyncedApi = "/api/v1/quickbooks/unsynced";
    private const string PushApi = "/api/v1/quickbooks/push";

    [Fact]
    public async Task PaymentsRecordedBeforeConnecting_AreListedWaitingForTheirInvoices_PushAllCreatesEachOnceLinked_InvoicesStayPaid()
    {
        long paidId = 0, partlyId = 0, fullId = 0, partId = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            paidId = (await api.CreateInvoiceAsync(jobId, 100m)).Id();
            partlyId = (await api.CreateInvoiceAsync(jobId, 50m)).Id();
            fullId = (await api.RecordPaymentAsync("CHK-1", (paidId, 100m))).Id();
            partId = (await api.RecordPaymentAsync(null, (partlyId, 20m))).Id();
        });
        var paidNumber = (await owner.Api.GetJsonAsync($"/api/v1/invoices/{paidId}")).GetProperty("number").GetString()!;

        var list = await owner.Api.GetJsonAsync(UnsyncedApi);
        Assert.Equal(4, list.GetProperty("total").GetInt32());
        var rows = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([("Invoice", paidId), ("Invoice", partlyId), ("Payment", fullId), ("Payment", partId)], rows.Select(r => (r.GetProperty("kind").GetString(),
            (r.GetProperty("documentId").ValueKind == JsonValueKind.Null ? r.GetProperty("paymentId") : r.GetProperty("documentId")).GetInt64())).ToList());
        Assert.Equal(("waiting", "payment-documents", $"/invoices/{paidId}"), (rows[2].GetProperty("state").GetString(), rows[2].GetProperty("problem").GetString(),
            rows[2].GetProperty("fixUrl").GetString()));
        Assert.Contains($"Waiting for {paidNumber} to reach QuickBooks", rows[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await owner.Qbo.MarkedAsync<QboPayment>(fullId));

        var pushed = await owner.Api.PostJsonAsync(PushApi, new { all = true });
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        var run = await owner.Api.RunEndedAsync((await pushed.ReadJsonAsync()).GetProperty("id").GetString()!);
        Assert.Equal((2, 2), (run.GetProperty("total").GetInt32(), run.GetProperty("done").GetInt32()));

        var paidQbo = (await owner.Api.SyncedAsync("invoices", paidId)).GetProperty("qboId").GetString()!;
        var partlyQbo = (await owner.Api.SyncedAsync("invoices", partlyId)).GetProperty("qboId").GetString()!;
        await owner.Api.PaymentSyncAsync(fullId, "synced");
        await owner.Api.PaymentSyncAsync(partId, "synced");
        var full = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(fullId));
        var part = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(partId));
        Assert.Equal((paidQbo, 100m, "CHK-1"), (full.Line![0].LinkedTxn![0].TxnId, full.TotalAmt, full.PaymentRefNum));
        Assert.Equal((partlyQbo, 20m), (part.Line![0].LinkedTxn![0].TxnId, part.TotalAmt));
        Assert.Equal((0m, 30m), ((await owner.Qbo.ReadAsync<QboInvoice>(paidQbo)).Balance, (await owner.Qbo.ReadAsync<QboInvoice>(partlyQbo)).Balance));

        // QuickBooks' echo of both payments and invoices is taken in: still one payment each, statuses as Groundwork had them.
        await app.ProcessedAsync(owner, "Payment", full.Id!);
        await app.ProcessedAsync(owner, "Payment", part.Id!);
        Assert.Equal(fullId, Assert.Single(await owner.Api.PaymentsOfAsync(paidId)).Id());
        Assert.Equal(partId, Assert.Single(await owner.Api.PaymentsOfAsync(partlyId)).Id());
        var paid = await owner.Api.GetJsonAsync($"/api/v1/invoices/{paidId}");
        var partly = await owner.Api.GetJsonAsync($"/api/v1/invoices/{partlyId}");
        Assert.Equal(("Paid", 10_000L, "PartiallyPaid", 2_000L), (paid.Status(), paid.GetProperty("paidCents").GetInt64(), partly.Status(),
            partly.GetProperty("paidCents").GetInt64()));
        Assert.Equal(0, (await owner.Api.GetJsonAsync(UnsyncedApi)).GetProperty("total").GetInt32());
        var creates = await app.WithDbAsync(owner.User, db => db.QboSyncLog.CountAsync(e => e.Kind == LinkedKind.Payment && e.Operation == "create"));
        Assert.Equal(2, creates);
    }

    [Fact]
    public async Task PaymentRecordedBeforeConnecting_PushingItsInvoiceAlone_CarriesThePaymentOnce()
    {
        long invoiceId = 0, paymentId = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            invoiceId = (await api.CreateInvoiceAsync(jobId, 80m)).Id();
            paymentId = (await api.RecordPaymentAsync(null, (invoiceId, 30m))).Id();
        });
        await owner.Api.PaymentSyncAsync(paymentId, "waiting");

        var pushed = await owner.Api.PostJsonAsync(PushApi, new { documentIds = new[] { invoiceId } });

        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        var invoiceQbo = (await owner.Api.SyncedAsync("invoices", invoiceId)).GetProperty("qboId").GetString()!;
        var sync = await owner.Api.PaymentSyncAsync(paymentId, "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(paymentId));
        Assert.Equal((qbo.Id, invoiceQbo, 30m), (sync.GetProperty("qboId").GetString(), qbo.Line![0].LinkedTxn![0].TxnId, qbo.TotalAmt));
        await app.ProcessedAsync(owner, "Payment", qbo.Id!);
        Assert.Single(await owner.Api.PaymentsOfAsync(invoiceId));
        Assert.Equal(("PartiallyPaid", 0), ((await owner.Api.GetJsonAsync($"/api/v1/invoices/{invoiceId}")).Status(), await app.OutboxCountAsync(owner)));
    }

    [Fact]
    public async Task MoreThan200PaymentsWaiting_ThePaymentOfTheInvoicePushed_IsStillReleasedAndPushed()
    {
        long pushedId = 0, paymentId = 0;
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            var waiting = (await api.CreateInvoiceAsync(jobId, 100m)).Id();
            pushedId = (await api.CreateInvoiceAsync(jobId, 10m)).Id();
            for (var i = 0; i < 201; i++) await api.RecordPaymentAsync(null, (waiting, 0.1m));
            paymentId = (await api.RecordPaymentAsync(null, (pushedId, 10m))).Id();
        });
        Assert.Equal(202, await app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync(e => e.WaitCode == PaymentPusher.WaitDocuments)));

        var pushed = await owner.Api.PostJsonAsync(PushApi, new { documentIds = new[] { pushedId } });

        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        await owner.Api.PaymentSyncAsync(paymentId, "synced");
        Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(paymentId));
        Assert.Equal(201, await app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync(e => e.WaitCode == PaymentPusher.WaitDocuments)));
    }

    [Fact]
    public async Task RemoveIntegrationThenReconnect_PushAll_SendsNeitherADismissedPaymentNorOneMadeInQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (refusedInvoice, refusedQbo) = await owner.SyncedInvoiceAsync(100m);
        await owner.Qbo.EditInvoiceAsync(refusedQbo, lines => [lines[0].With(1, 50m)]);
        await owner.Api.DriftAsync("invoices", refusedInvoice);
        var dismissedId = (await owner.Api.RecordPaymentAsync(null, (refusedInvoice, 100m))).Id();
        await owner.Api.PaymentSyncAsync(dismissedId, "needsAttention");
        Assert.Equal(HttpStatusCode.OK, (await owner.Api.PostJsonAsync($"/api/v1/quickbooks/payments/{dismissedId}/dismiss", new { })).StatusCode);
        var (paidInvoice, paidQbo) = await owner.SyncedInvoiceAsync(60m);
        var made = await owner.Qbo.CreateAsync(new QboPayment
        {
            CustomerRef = (await owner.Qbo.ReadAsync<QboInvoice>(paidQbo)).CustomerRef, TotalAmt = 60m,
            Line = [new QboLine { Amount = 60m, LinkedTxn = [new QboLinkedTxn { TxnId = paidQbo, TxnType = "Invoice" }] }],
        });
        var fromQuickBooks = Assert.Single(await owner.Api.PaymentsOfAsync(paidInvoice, 1)).Id();

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Browser.PostFormAsync("/Settings/Integrations?handler=Remove", [], "/Settings/Integrations")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(owner.Browser, owner.Realm)).StatusCode);
        (await owner.Api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = owner.DefaultItemId })).EnsureSuccessStatusCode();

        var before = (await owner.Api.GetJsonAsync(UnsyncedApi)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([refusedInvoice, paidInvoice], before.Select(r => r.GetProperty("documentId").GetInt64()).Order().ToList());
        var pushed = await owner.Api.PostJsonAsync(PushApi, new { all = true });
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        var run = await owner.Api.RunEndedAsync((await pushed.ReadJsonAsync()).GetProperty("id").GetString()!);
        Assert.Equal(2, run.GetProperty("total").GetInt32());

        var dismissed = (await owner.Api.GetJsonAsync($"/api/v1/payments/{dismissedId}")).GetProperty("sync");
        Assert.Equal(("dismissed", "payment-dismissed"), (dismissed.GetProperty("state").GetString(), dismissed.GetProperty("problem").GetString()));
        Assert.Contains($"Dismissed by {owner.User.Email}", dismissed.GetProperty("message").GetString(), StringComparison.Ordinal);
        var after = (await owner.Api.GetJsonAsync(UnsyncedApi)).GetProperty("items").EnumerateArray();
        Assert.DoesNotContain(after, r => r.GetProperty("paymentId").ValueKind == JsonValueKind.Number);
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync(e => e.Kind == LinkedKind.Payment)));
        Assert.Empty(await owner.Qbo.MarkedAsync<QboPayment>(dismissedId));
        Assert.Empty(await owner.Qbo.MarkedAsync<QboPayment>(fromQuickBooks));
        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal("dismissed", page.QuerySelector($"#dismissed #payment-row-{dismissedId}")?.GetAttribute("data-state"));
        Assert.Equal("QuickBooks", Assert.Single(await owner.Api.PaymentsOfAsync(paidInvoice)).GetProperty("source").GetString());
        Assert.NotNull(made.Id);
    }
}
