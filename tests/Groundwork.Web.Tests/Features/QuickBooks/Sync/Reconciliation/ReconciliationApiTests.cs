using System.Net;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// GET /api/v1/quickbooks/reconciliation: a month of Groundwork beside the emulator's company, after the bookkeeper worked
/// in QuickBooks through QBO's own API (edits, deletes, payments, documents of their own).
/// </summary>
[Trait("Category", "Database")]
public sealed class ReconciliationApiTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    [Fact]
    public async Task Reconciliation_EverythingPushed_HasNoDifferencesAndEqualTotals()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var vendor = await owner.Api.CreateVendorAsync();
        var invoice = await owner.PushedInvoiceAsync(jobId, 250m);
        var bill = await owner.Api.BillOnAsync(jobId, vendor.Id(), 120.5m);
        await owner.Api.SyncedAsync("bills", bill);
        await owner.Api.CreateAsync("/api/v1/invoices", new { jobId, issueDate = ReconciliationTestData.Day, lines = new[] { new { name = "Draft", quantity = 1, unitAmount = 9m } } });
        await owner.Api.InvoiceOnAsync(jobId, 40m, new DateOnly(2025, 7, 1));

        var report = await owner.Api.ReportAsync();

        Assert.True(report.GetProperty("matches").GetBoolean(), report.ToString());
        Assert.Empty(report.Differences());
        Assert.Equal(("2025-06", "2025-06-01", "2025-06-30"), (report.GetProperty("month").GetString(), report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        Assert.Equal((1, 25_000L), report.Summary("invoices").Side("groundwork"));
        Assert.Equal((1, 25_000L), report.Summary("invoices").Side("quickBooks"));
        Assert.Equal((1, 12_050L), report.Summary("bills").Side("quickBooks"));
        Assert.Equal(25_000, report.Summary("invoices").GetProperty("quickBooks").GetProperty("openCents").GetInt64());
        var services = report.GetProperty("byItem").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "invoice");
        Assert.Equal((owner.DefaultItemId, 25_000L, 25_000L), (services.GetProperty("qboId").GetString(), services.GetProperty("groundworkCents").GetInt64(),
            services.GetProperty("quickBooksCents").GetInt64()));
        Assert.Equal("Services", services.GetProperty("name").GetString());
        Assert.Equal(invoice.QboId, (await owner.Api.GetJsonAsync($"/api/v1/invoices/{invoice.Id}")).GetProperty("sync").GetProperty("qboId").GetString());
    }

    [Fact]
    public async Task Reconciliation_InvoiceEditedInQuickBooks_IsEditedWithBothTotalsAndLinksToBothRecords()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var (id, qboId) = await owner.PushedInvoiceAsync(jobId, 100m);
        var current = await owner.Qbo.ReadAsync<QboInvoice>(qboId);
        var line = current.Line!.First(l => l.DetailType == "SalesItemLineDetail");
        await owner.Qbo.UpdateAsync(new QboInvoice
        {
            Id = qboId, SyncToken = current.SyncToken, Sparse = true,
            Line = [line with { Amount = 130m, SalesItemLineDetail = line.SalesItemLineDetail! with { Qty = 1, UnitPrice = 130m } }],
        });

        var report = await owner.Api.ReportAsync();

        var edited = Assert.Single(report.Differences());
        Assert.Equal(("editedInQuickBooks", "invoice", id, 10_000L, 13_000L), (edited.Cause(), edited.GetProperty("kind").GetString(),
            edited.GetProperty("localId").GetInt64(), edited.GetProperty("groundworkCents").GetInt64(), edited.GetProperty("quickBooksCents").GetInt64()));
        Assert.Contains("$130.00", edited.GetProperty("message").GetString());
        Assert.Contains("Services $130.00 in QuickBooks, $100.00 in Groundwork", edited.GetProperty("message").GetString());
        Assert.Equal($"/invoices/{id}", edited.GetProperty("groundworkUrl").GetString());
        Assert.Equal(("Invoice", qboId), (edited.GetProperty("qboType").GetString(), edited.GetProperty("qboId").GetString()));
        Assert.EndsWith($"/qbo/ui/{owner.Realm}/invoices/{qboId}", edited.GetProperty("qboUrl").GetString());
        Assert.False(report.GetProperty("matches").GetBoolean());
        Assert.Equal((1, 13_000L), report.Summary("invoices").Side("quickBooks"));
        var item = report.GetProperty("byItem").EnumerateArray().Single();
        Assert.Equal(3_000, item.GetProperty("differenceCents").GetInt64());
    }

    [Fact]
    public async Task Reconciliation_BillDeletedInQuickBooks_IsDeletedInQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var vendor = await owner.Api.CreateVendorAsync();
        var bill = await owner.Api.BillOnAsync(jobId, vendor.Id(), 75m);
        var qboId = (await owner.Api.SyncedAsync("bills", bill)).GetProperty("qboId").GetString()!;
        var current = await owner.Qbo.ReadAsync<QboBill>(qboId);
        await owner.Qbo.Client.DeleteAsync<QboBill>(owner.Qbo.Company, qboId, current.SyncToken!, Guid.NewGuid().ToString("N"), default);

        var report = await owner.Api.ReportAsync();

        var deleted = Assert.Single(report.Differences());
        Assert.Equal(("deletedInQuickBooks", "bill", bill, qboId), (deleted.Cause(), deleted.GetProperty("kind").GetString(),
            deleted.GetProperty("localId").GetInt64(), deleted.GetProperty("qboId").GetString()));
        Assert.Equal((1, 7_500L), report.Summary("bills").Side("groundwork"));
        Assert.Equal((0, 0L), report.Summary("bills").Side("quickBooks"));
    }

    [Fact]
    public async Task Reconciliation_FinalizedInvoiceThatCouldNotPush_IsNotSynced()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync(customer: $"Acme: {Guid.NewGuid():N}"[..16]);
        var id = await owner.Api.InvoiceOnAsync(jobId, 55m);
        await owner.Api.SyncedAsync("invoices", id, "needsAttention");
        var voided = await owner.Api.InvoiceOnAsync(jobId, 20m);
        await owner.Api.SyncedAsync("invoices", voided, "needsAttention");
        await owner.Api.ActAsync($"/api/v1/invoices/{voided}/void");

        var report = await owner.Api.ReportAsync();

        var missing = Assert.Single(report.Differences());
        Assert.Equal(("notSynced", id, 5_500L), (missing.Cause(), missing.GetProperty("localId").GetInt64(), missing.GetProperty("groundworkCents").GetInt64()));
        Assert.Contains("Needs attention", missing.GetProperty("message").GetString());
        Assert.Equal(JsonNull, missing.GetProperty("qboUrl").ValueKind);
        var invoices = report.Summary("invoices").GetProperty("groundwork");
        Assert.Equal((1, 1), (invoices.GetProperty("count").GetInt32(), invoices.GetProperty("voided").GetInt32()));
    }

    [Fact]
    public async Task Reconciliation_InvoiceMadeInQuickBooks_IsOnlyInQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var (_, qboId) = await owner.PushedInvoiceAsync(jobId, 80m);
        var customer = (await owner.Qbo.ReadAsync<QboInvoice>(qboId)).CustomerRef!.Value;
        var theirs = await owner.QboOnlyInvoiceAsync(customer, 45m);

        var report = await owner.Api.ReportAsync();

        var only = Assert.Single(report.Differences());
        Assert.Equal(("onlyInQuickBooks", theirs.Id, 4_500L, "2025-06-15"), (only.Cause(), only.GetProperty("qboId").GetString(),
            only.GetProperty("quickBooksCents").GetInt64(), only.GetProperty("date").GetString()));
        Assert.Equal(JsonNull, only.GetProperty("localId").ValueKind);
        Assert.Equal((1, 8_000L), report.Summary("invoices").Side("groundwork"));
        Assert.Equal((2, 12_500L), report.Summary("invoices").Side("quickBooks"));
    }

    [Fact]
    public async Task Reconciliation_PaymentInQuickBooksWithAnUnappliedAmount_IsAnUnappliedPayment()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var (id, qboId) = await owner.PushedInvoiceAsync(jobId, 100m);
        var invoice = await owner.Qbo.ReadAsync<QboInvoice>(qboId);
        var payment = await owner.Qbo.CreateAsync(new QboPayment
        {
            CustomerRef = invoice.CustomerRef, TotalAmt = 150m, TxnDate = ReconciliationTestData.Day.AddDays(3),
            Line = [new QboLine { Amount = 100m, LinkedTxn = [new QboLinkedTxn { TxnId = qboId, TxnType = "Invoice" }] }],
        });
        await owner.Api.StatusAsync("invoices", id, "Paid");

        var report = await owner.Api.ReportAsync();

        var differences = report.Differences();
        var unapplied = Assert.Single(differences, d => d.Cause() == "unappliedPayment");
        Assert.Equal(("payment", payment.Id, 15_000L), (unapplied.GetProperty("kind").GetString(), unapplied.GetProperty("qboId").GetString(),
            unapplied.GetProperty("quickBooksCents").GetInt64()));
        Assert.Contains("$50.00", unapplied.GetProperty("message").GetString());
        // Status back keeps the QuickBooks payment as a Groundwork payment record linked to it: nothing else differs.
        Assert.Equal(["unappliedPayment"], differences.Select(d => d.Cause()));
        var payments = report.Summary("payments").GetProperty("quickBooks");
        Assert.Equal((1, 15_000L, 5_000L), (payments.GetProperty("count").GetInt32(), payments.GetProperty("totalCents").GetInt64(),
            payments.GetProperty("unappliedCents").GetInt64()));
        Assert.Equal(0, report.Summary("invoices").GetProperty("groundwork").GetProperty("openCents").GetInt64());
    }

    [Fact]
    public async Task Reconciliation_ForAJob_ShowsOnlyItsDocumentsAndTheQuickBooksOnesOfItsSubCustomer()
    {
        var owner = await app.PushOwnerAsync();
        var (jobA, _, _, _, _) = await owner.Api.JobAsync();
        var (jobB, _, _, _, _) = await owner.Api.JobAsync();
        var (a, qboA) = await owner.PushedInvoiceAsync(jobA, 100m);
        var (b, _) = await owner.PushedInvoiceAsync(jobB, 300m);
        var customerA = (await owner.Qbo.ReadAsync<QboInvoice>(qboA)).CustomerRef!.Value;
        var theirs = await owner.QboOnlyInvoiceAsync(customerA, 20m);

        var forA = await owner.Api.ReportAsync(jobId: jobA);
        var forB = await owner.Api.ReportAsync(jobId: jobB);
        var all = await owner.Api.ReportAsync();

        Assert.Equal(jobA, forA.GetProperty("job").GetProperty("id").GetInt64());
        Assert.Equal((1, 10_000L), forA.Summary("invoices").Side("groundwork"));
        Assert.Equal((2, 12_000L), forA.Summary("invoices").Side("quickBooks"));
        var only = Assert.Single(forA.Differences());
        Assert.Equal(("onlyInQuickBooks", theirs.Id), (only.Cause(), only.GetProperty("qboId").GetString()));
        Assert.Equal((1, 30_000L), forB.Summary("invoices").Side("groundwork"));
        Assert.Equal((1, 30_000L), forB.Summary("invoices").Side("quickBooks"));
        Assert.Empty(forB.Differences());
        Assert.Equal((2, 40_000L), all.Summary("invoices").Side("groundwork"));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task Reconciliation_PaymentRecordedInGroundworkOnly_IsNotSyncedForItsJobAndMonthOnly()
    {
        var owner = await app.PushOwnerAsync();
        // Its invoice cannot reach QuickBooks (a colon in the customer's name), so neither can the payment.
        var (jobId, _, _, _, _) = await owner.Api.JobAsync(customer: $"Acme: {Guid.NewGuid():N}"[..16]);
        var (otherJob, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceOnAsync(jobId, 100m);
        await owner.Api.SyncedAsync("invoices", invoice, "needsAttention");
        var paid = await owner.Api.PostJsonAsync("/api/v1/payments", new
        {
            method = "Check", reference = "CHK-77", date = ReconciliationTestData.Day.AddDays(1), applications = new[] { new { documentId = invoice, amount = 40m } },
        });
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        var paymentId = (await paid.ReadJsonAsync()).Id();

        var forJob = await owner.Api.ReportAsync(jobId: jobId);
        var forOther = await owner.Api.ReportAsync(jobId: otherJob);
        var july = await owner.Api.ReportAsync("2025-07");

        var payment = Assert.Single(forJob.Differences(), d => d.GetProperty("kind").GetString() == "payment");
        Assert.Equal(("notSynced", paymentId, "CHK-77", 4_000L, $"/invoices/{invoice}"), (payment.Cause(), payment.GetProperty("localId").GetInt64(),
            payment.GetProperty("reference").GetString(), payment.GetProperty("groundworkCents").GetInt64(), payment.GetProperty("groundworkUrl").GetString()));
        Assert.Equal((1, 4_000L), forJob.Summary("payments").Side("groundwork"));
        Assert.Equal(6_000, forJob.Summary("invoices").GetProperty("groundwork").GetProperty("openCents").GetInt64());
        Assert.Equal(["notSynced", "notSynced"], forJob.Differences().Select(d => d.Cause()));
        Assert.Empty(forOther.Differences());
        Assert.Equal((0, 0L), forOther.Summary("payments").Side("groundwork"));
        Assert.Empty(july.Differences());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2025-13")]
    [InlineData("2025-00")]
    [InlineData("June 2025")]
    [InlineData("2025-6")]
    [InlineData("1899-12")]
    [InlineData("99999-01")]
    public async Task Reconciliation_BadMonth_IsA400OnMonth(string month)
    {
        var owner = await app.PushOwnerAsync();

        var response = await owner.Api.GetAsync($"{ReconciliationTestData.Url}?month={Uri.EscapeDataString(month)}");

        var messages = await response.AssertInvalidAsync("month");
        Assert.Contains("YYYY-MM", messages[0]);
    }

    [Fact]
    public async Task Reconciliation_BadOrForeignJob_Is400Or404AndMissingMonthIs400()
    {
        var owner = await app.PushOwnerAsync();
        var other = await app.PushOwnerAsync();
        var (foreignJob, _, _, _, _) = await other.Api.JobAsync();

        await (await owner.Api.GetAsync($"{ReconciliationTestData.Url}?month=2025-06&jobId=abc")).AssertInvalidAsync("jobId");
        await (await owner.Api.GetAsync($"{ReconciliationTestData.Url}?month=2025-06&jobId=-3")).AssertInvalidAsync("jobId");
        await (await owner.Api.GetAsync(ReconciliationTestData.Url)).AssertInvalidAsync("month");
        var foreign = await (await owner.Api.GetAsync($"{ReconciliationTestData.Url}?month=2025-06&jobId={foreignJob}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains($"Job {foreignJob}", foreign.GetProperty("detail").GetString());
        await (await owner.Api.GetAsync($"{ReconciliationTestData.CsvUrl}?month=2025-06&jobId={foreignJob}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Api.GetAsync($"{ReconciliationTestData.CsvUrl}?month=2025-99")).AssertInvalidAsync("month");
    }

    [Fact]
    public async Task Reconciliation_ForAMemberOrAnonymous_IsRefusedAndNotConnectedIsA409()
    {
        var owner = await app.PushOwnerAsync();
        var member = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.User.OrganizationId));
        var unconnected = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"{ReconciliationTestData.Url}?month=2025-06")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"{ReconciliationTestData.CsvUrl}?month=2025-06")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"{ReconciliationTestData.Url}?month=2025-06")).StatusCode);
        var conflict = await (await unconnected.GetAsync($"{ReconciliationTestData.Url}?month=2025-06")).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("not connected", conflict.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reconciliation_AfterDisconnect_IsA409AndThePageSaysWhy()
    {
        var owner = await app.PushOwnerAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Browser.PostFormAsync("/Settings/Integrations?handler=Disconnect", [], "/Settings/Integrations")).StatusCode);

        var conflict = await (await owner.Api.GetAsync($"{ReconciliationTestData.Url}?month=2025-06")).AssertProblemAsync(HttpStatusCode.Conflict);
        var page = await owner.Browser.GetPageAsync($"{ReconciliationTestData.PagePath}?month=2025-06");

        Assert.False(string.IsNullOrWhiteSpace(conflict.GetProperty("detail").GetString()));
        Assert.Contains(conflict.GetProperty("detail").GetString()!, page.Errors());
        Assert.Null(page.QuerySelector("#reconciliation-summary"));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}
