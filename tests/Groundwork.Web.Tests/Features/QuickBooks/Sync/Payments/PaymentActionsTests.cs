using System.Net;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Sync.UnsyncedTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>
/// A payment's Retry and Dismiss: by the API (a payment that is not the organization's is not found) and from the Payments
/// list (Owner/Admin only, through the same use cases, back to the list with what happened). Against the emulator.
/// </summary>
[Trait("Category", "Database")]
public sealed class PaymentActionsTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    private const string PaymentsPage = "/Payments";

    private static string Retry(long paymentId) => $"/api/v1/quickbooks/payments/{paymentId}/retry";
    private static string Dismiss(long paymentId) => $"/api/v1/quickbooks/payments/{paymentId}/dismiss";

    [Fact]
    public async Task RetryAndDismiss_AnUnknownPaymentOrAnotherOrganizations_Answer404WithAProblem_AndQueueNothing()
    {
        var owner = await app.PushOwnerAsync();
        var other = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));
        var (jobId, _, _, _, _) = await other.JobAsync();
        var theirInvoice = await other.CreateInvoiceAsync(jobId, 40m);
        var theirs = (await other.RecordPaymentAsync(null, (theirInvoice.Id(), 40m))).Id();

        foreach (var url in new[] { Retry(999_999_999), Retry(theirs), Dismiss(999_999_999), Dismiss(theirs) })
        {
            var response = await owner.Api.PostJsonAsync(url, new { });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} → {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadJsonAsync();
            Assert.Equal((404, "Not found"), (problem.GetProperty("status").GetInt32(), problem.GetProperty("title").GetString()));
            Assert.Matches(@"^Payment \d+ was not found\.$", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync(e => e.Kind == LinkedKind.Payment)));
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.PushRuns.CountAsync()));
        Assert.Equal("Groundwork", (await other.GetJsonAsync($"/api/v1/payments/{theirs}")).GetProperty("source").GetString());
    }

    [Fact]
    public async Task PaymentsPage_RefusedPayment_OwnerDismissesAndRetriesFromTheList_AnAccountantSeesNeitherAndIsForbidden()
    {
        var owner = await app.PushOwnerAsync();
        var (invoiceId, invoiceQbo) = await owner.SyncedInvoiceAsync(100m);
        await owner.Qbo.EditInvoiceAsync(invoiceQbo, lines => [lines[0].With(1, 50m)]);
        await owner.Api.DriftAsync("invoices", invoiceId);
        var id = (await owner.Api.RecordPaymentAsync(null, (invoiceId, 100m))).Id();
        await owner.Api.PaymentSyncAsync(id, "needsAttention");
        var accountant = await app.BrowserOfAsync(owner, OrganizationRole.Accountant);

        var page = await owner.Browser.GetPageAsync(PaymentsPage);
        Assert.NotNull(page.QuerySelector($"#retry-payment-form-{id} input[name='__RequestVerificationToken']"));
        Assert.NotNull(page.QuerySelector($"#dismiss-payment-form-{id} input[name='__RequestVerificationToken']"));
        var seenByAccountant = await accountant.GetPageAsync(PaymentsPage);
        Assert.NotNull(seenByAccountant.QuerySelector($"#payment-{id}"));
        Assert.Null(seenByAccountant.QuerySelector($"#retry-payment-{id}"));
        Assert.Null(seenByAccountant.QuerySelector($"#dismiss-payment-{id}"));
        foreach (var handler in new[] { "DismissPayment", "RetryPayment" })
        {
            var denied = await accountant.PostFormAsync($"{UnsyncedPage}?handler={handler}", new() { ["paymentId"] = $"{id}", ["returnUrl"] = PaymentsPage }, PaymentsPage);
            Assert.Equal((HttpStatusCode.Redirect, "/account/denied"), (denied.StatusCode, denied.Headers.Location?.AbsolutePath.ToLowerInvariant()));
        }
        var withoutToken = await owner.Browser.PostAsync($"{UnsyncedPage}?handler=DismissPayment",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["paymentId"] = $"{id}", ["returnUrl"] = PaymentsPage }));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        await owner.Api.PaymentSyncAsync(id, "needsAttention");

        var dismissed = await owner.Browser.SubmitAsync(page.Form($"#dismiss-payment-form-{id}"), button: "Dismiss");

        Assert.Equal((HttpStatusCode.Redirect, PaymentsPage), (dismissed.StatusCode, dismissed.Headers.Location?.OriginalString));
        var after = await owner.Browser.GetPageAsync(PaymentsPage);
        Assert.Contains($"Payment {id} dismissed", after.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("dismissed", after.QuerySelector($"#payment-{id} .sync-state")?.GetAttribute("data-state"));
        Assert.Null(after.QuerySelector($"#dismiss-payment-{id}"));
        Assert.Equal("dismissed", (await owner.Api.GetJsonAsync($"/api/v1/payments/{id}")).GetProperty("sync").GetProperty("state").GetString());

        (await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Push, invoiceId), new { })).EnsureSuccessStatusCode();
        for (var i = 0; i < 300 && (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQbo)).TotalAmt != 100m; i++) await Task.Delay(100);
        var retried = await owner.Browser.SubmitAsync(after.Form($"#retry-payment-form-{id}"), button: "Retry");

        Assert.Equal((HttpStatusCode.Redirect, PaymentsPage), (retried.StatusCode, retried.Headers.Location?.OriginalString));
        Assert.Contains("1 payment queued for QuickBooks.", (await owner.Browser.GetPageAsync(PaymentsPage)).QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        await owner.Api.PaymentSyncAsync(id, "synced");
        var qbo = Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(id));
        Assert.Equal((invoiceQbo, 100m), (qbo.Line![0].LinkedTxn![0].TxnId, qbo.TotalAmt));
        var synced = await owner.Browser.GetPageAsync(PaymentsPage);
        Assert.Null(synced.QuerySelector($"#retry-payment-{id}"));
        Assert.Null(synced.QuerySelector($"#dismiss-payment-{id}"));
    }

    [Fact]
    public async Task PaymentsPage_RetryOrDismissThatCannotGo_ComesBackToTheListWithWhy_PaymentStillWaiting()
    {
        var owner = await app.PushOwnerAsync();
        var (billId, _) = await owner.SyncedBillAsync(45m);
        var id = (await owner.Api.RecordPaymentAsync(null, (billId, 45m))).Id();
        await owner.Api.PaymentSyncAsync(id, "waiting");
        var page = await owner.Browser.GetPageAsync(PaymentsPage);
        Assert.Null(page.QuerySelector($"#dismiss-payment-{id}"));

        var retried = await owner.Browser.SubmitAsync(page.Form($"#retry-payment-form-{id}"), button: "Retry");

        Assert.Equal((HttpStatusCode.Redirect, PaymentsPage), (retried.StatusCode, retried.Headers.Location?.OriginalString));
        var back = await owner.Browser.GetPageAsync(PaymentsPage);
        Assert.Contains($"Payment {id} not pushed: Choose the bank or credit card account", back.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        var sync = (await owner.Api.GetJsonAsync($"/api/v1/payments/{id}")).GetProperty("sync");
        Assert.Equal(("waiting", "payment-account"), (sync.GetProperty("state").GetString(), sync.GetProperty("problem").GetString()));

        var refused = await owner.Browser.PostFormAsync($"{UnsyncedPage}?handler=DismissPayment",
            new() { ["paymentId"] = $"{id}", ["returnUrl"] = PaymentsPage }, PaymentsPage);

        Assert.Equal((HttpStatusCode.Redirect, PaymentsPage), (refused.StatusCode, refused.Headers.Location?.OriginalString));
        var after = await owner.Browser.GetPageAsync(PaymentsPage);
        Assert.Contains("Not done: Only a payment QuickBooks refused can be dismissed; this one is waiting.", after.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("waiting", (await owner.Api.GetJsonAsync($"/api/v1/payments/{id}")).GetProperty("sync").GetProperty("state").GetString());
    }
}
