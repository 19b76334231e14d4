using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>
/// Groundwork payments whose push waits or was refused, in Unsynced Records (API, page, navigation count) with their reason
/// and fix; pushed again from there, or dismissed. Through the real HTTP path, against the emulator.
/// </summary>
[Trait("Category", "Database")]
public sealed class PaymentUnsyncedTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    private const string UnsyncedApi = "/api/v1/quickbooks/unsynced";

    private static string Retry(long paymentId) => $"/api/v1/quickbooks/payments/{paymentId}/retry";
    private static string Dismiss(long paymentId) => $"/api/v1/quickbooks/payments/{paymentId}/dismiss";

    [Fact]
    public async Task BillPaymentWaitingForTheAccount_IsListedWithTheFix_CountedInTheNav_RetryRefusedUntilTheAccountIsChosen()
    {
        var owner = await app.PushOwnerAsync();
        var (billId, _) = await owner.SyncedBillAsync(90m);
        var billNumber = (await owner.Api.GetJsonAsync($"/api/v1/bills/{billId}")).GetProperty("number").GetString();
        var payment = await owner.Api.RecordPaymentAsync("CHK-7", (billId, 90m));
        await owner.Api.PaymentSyncAsync(payment.Id(), "waiting");

        var list = await owner.Api.GetJsonAsync(UnsyncedApi);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(("BillPayment", payment.Id(), JsonValueKind.Null), (row.GetProperty("kind").GetString(), row.GetProperty("paymentId").GetInt64(),
            row.GetProperty("documentId").ValueKind));
        Assert.Equal(("CHK-7", 9_000L, "waiting", "payment-account", PaymentPusher.AccountFixUrl), (row.GetProperty("number").GetString(),
            row.GetProperty("totalCents").GetInt64(), row.GetProperty("state").GetString(), row.GetProperty("problem").GetString(), row.GetProperty("fixUrl").GetString()));
        Assert.Contains("bill payment account", row.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal([billNumber], row.GetProperty("documents").EnumerateArray().Select(d => d.GetString()).ToList());

        var refused = await owner.Api.PostJsonAsync(Retry(payment.Id()), new { });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.ReadJsonAsync();
        Assert.Contains("Choose the bank or credit card account", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(PaymentPusher.AccountFixUrl, problem.GetProperty("fixUrl").GetString());

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal("1 unsynced", page.QuerySelector("#nav-unsynced-count")?.TextContent);
        Assert.Equal("waiting", page.QuerySelector($"#payment-row-{payment.Id()}")?.GetAttribute("data-state"));
        Assert.Equal(PaymentPusher.AccountFixUrl, page.QuerySelector($"#payment-fix-link-{payment.Id()}")?.GetAttribute("href"));
        Assert.Equal($"/Payments#payment-{payment.Id()}", page.QuerySelector($"#payment-number-{payment.Id()}")?.GetAttribute("href"));
        Assert.NotNull((await owner.Browser.GetPageAsync("/Payments")).QuerySelector($"#payment-{payment.Id()}"));

        await owner.Api.ChooseAccountAsync("Checking");

        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        Assert.Equal(0, (await owner.Api.GetJsonAsync(UnsyncedApi)).GetProperty("total").GetInt32());
        Assert.Null((await owner.Browser.GetPageAsync(UnsyncedPage)).QuerySelector("#nav-unsynced-count"));
    }

    [Fact]
    public async Task PaymentWaitingForItsInvoice_PushSelectedOnThePayment_PushesTheInvoiceThenThePayment()
    {
        var owner = await app.PushOwnerAsync(defaultItem: false);
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));
        await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");
        var payment = await owner.Api.RecordPaymentAsync(null, (invoice.Id(), 40m));
        await owner.Api.PaymentSyncAsync(payment.Id(), "waiting");

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal("2 unsynced", page.QuerySelector("#nav-unsynced-count")?.TextContent);
        Assert.Contains(invoice.GetProperty("number").GetString()!, page.QuerySelector($"#payment-reason-{payment.Id()}")?.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/invoices/{invoice.Id()}", page.QuerySelector($"#payment-fix-link-{payment.Id()}")?.GetAttribute("href"));
        (await owner.Api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = owner.DefaultItemId })).EnsureSuccessStatusCode();

        page = await owner.Browser.GetPageAsync(UnsyncedPage);
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#select-payment-{payment.Id()}")!.IsChecked = true;
        var pushed = await owner.Browser.SubmitAsync(page.Form("#push-form"), button: "Push selected");

        var run = await owner.Api.RunEndedAsync(pushed.RunId());
        Assert.Equal((1, 1), (run.GetProperty("total").GetInt32(), run.GetProperty("done").GetInt32()));
        var qboInvoice = (await owner.Api.SyncedAsync("invoices", invoice.Id())).GetProperty("qboId").GetString();
        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));
        Assert.Equal((qboInvoice, 40m), (qbo.Line![0].LinkedTxn![0].TxnId, qbo.TotalAmt));
    }

    [Fact]
    public async Task RefusedPayment_ShowsQbosCodeAndTid_DismissedFromThePage_ThenRetriedAfterTheFix_IsCreatedOnceWithANewRequestId()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(1, 50m)]);
        await owner.Api.DriftAsync("invoices", id);

        var payment = await owner.Api.RecordPaymentAsync(null, (id, 100m));

        var sync = await owner.Api.PaymentSyncAsync(payment.Id(), "needsAttention");
        Assert.Equal("qbo-6000", sync.GetProperty("problem").GetString());
        var tid = sync.GetProperty("intuitTid").GetString();
        Assert.False(string.IsNullOrEmpty(tid));
        Assert.Contains("open balance", sync.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains($"intuit_tid {tid}", sync.GetProperty("message").GetString(), StringComparison.Ordinal);
        // The invoice is listed too (drift): the payment follows it.
        var items = (await owner.Api.GetJsonAsync(UnsyncedApi)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([("Invoice", id), ("Payment", payment.Id())], items.Select(r => (r.GetProperty("kind").GetString(),
            (r.GetProperty("documentId").ValueKind == JsonValueKind.Null ? r.GetProperty("paymentId") : r.GetProperty("documentId")).GetInt64())).ToList());
        var row = items[1];
        Assert.Equal(("Payment", "needsAttention", "qbo-6000", tid), (row.GetProperty("kind").GetString(), row.GetProperty("state").GetString(),
            row.GetProperty("problem").GetString(), row.GetProperty("intuitTid").GetString()));
        Assert.Empty(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));

        var page = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.NotNull(page.QuerySelector("#push-form input[name='__RequestVerificationToken']"));
        var dismissed = await owner.Browser.SubmitAsync(page.Form("#push-form"), button: "Dismiss");
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);

        Assert.Equal("dismissed", (await owner.Api.GetJsonAsync($"/api/v1/payments/{payment.Id()}")).GetProperty("sync").GetProperty("state").GetString());
        Assert.Equal(1, (await owner.Api.GetJsonAsync(UnsyncedApi)).GetProperty("total").GetInt32());
        var after = await owner.Browser.GetPageAsync(UnsyncedPage);
        Assert.Equal("1 unsynced", after.QuerySelector("#nav-unsynced-count")?.TextContent);
        Assert.Null(after.QuerySelector($"#push-form #payment-row-{payment.Id()}"));
        Assert.Equal("dismissed", after.QuerySelector($"#dismissed #payment-row-{payment.Id()}")?.GetAttribute("data-state"));
        Assert.Contains("kept in Groundwork", after.QuerySelector($"#payment-reason-{payment.Id()}")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(100_00, (await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("paidCents").GetInt64());

        (await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Push, id), new { })).EnsureSuccessStatusCode();
        for (var i = 0; i < 300 && (await owner.Qbo.ReadAsync<QboInvoice>(qboId)).TotalAmt != 100m; i++) await Task.Delay(100);
        var retried = await owner.Browser.SubmitAsync(after.Form("#dismissed-form"), button: "Retry");
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);

        await owner.Api.PaymentSyncAsync(payment.Id(), "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(payment.Id()));
        Assert.Equal(0m, (await owner.Qbo.ReadAsync<QboInvoice>(qboId)).Balance);
        var creates = await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.Kind == Groundwork.Web.Features.QuickBooks.Links.LinkedKind.Payment && e.LocalId == payment.Id() && e.Operation == "create")
            .OrderBy(e => e.Id).Select(e => new { e.RequestId, e.Result }).ToListAsync());
        Assert.Equal([($"gw-pay-{payment.Id()}-0-create", SyncResult.Failed), ($"gw-pay-{payment.Id()}-1-create", SyncResult.Succeeded)],
            creates.Select(c => (c.RequestId, c.Result)).ToList());
        await app.ProcessedAsync(owner, "Payment", qbo.Id!);
        Assert.Single(await owner.Api.PaymentsOfAsync(id));
    }

    [Fact]
    public async Task Dismiss_OnlyARefusedPayment_ByOwnerOrAdmin_ThroughTheFormsToken()
    {
        var owner = await app.PushOwnerAsync();
        var (billId, _) = await owner.SyncedBillAsync(30m);
        var payment = await owner.Api.RecordPaymentAsync(null, (billId, 30m));
        await owner.Api.PaymentSyncAsync(payment.Id(), "waiting");
        var accountant = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.User.OrganizationId));

        var waiting = await owner.Api.PostJsonAsync(Dismiss(payment.Id()), new { });
        var byAccountant = await accountant.PostJsonAsync(Dismiss(payment.Id()), new { });
        var retryByAccountant = await accountant.PostJsonAsync(Retry(payment.Id()), new { });
        var unknown = await owner.Api.PostJsonAsync(Dismiss(999_999), new { });
        var withoutToken = await owner.Browser.PostAsync($"{UnsyncedPage}?handler=DismissPayment",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["paymentId"] = $"{payment.Id()}" }));

        Assert.Equal(HttpStatusCode.Conflict, waiting.StatusCode);
        Assert.Contains("Only a payment QuickBooks refused can be dismissed; this one is waiting.", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byAccountant.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, retryByAccountant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal("waiting", (await owner.Api.GetJsonAsync($"/api/v1/payments/{payment.Id()}")).GetProperty("sync").GetProperty("state").GetString());
    }
}
