using System.Net;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// The bookkeeper works in QuickBooks (the embedded emulator, whose dev app sends its webhooks to the app on its real port);
/// each change comes back to the pushed document in seconds, with QuickBooks as the actor and no push echoed back.
/// </summary>
[Trait("Category", "Database")]
public sealed class StatusBackTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    [Fact]
    public async Task PaymentInQuickBooks_ForTheWholeInvoice_MarksItPaidWithTheAmountsAsQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(250m);
        var pushes = await app.PushLogCountAsync(owner);

        var payment = await owner.Qbo.ReceivePaymentAsync(qboId, 250m);

        var invoice = await owner.Api.StatusAsync("invoices", id, "Paid");
        Assert.Equal(25_000, invoice.GetProperty("paidCents").GetInt64());
        Assert.Equal(0, invoice.GetProperty("balanceCents").GetInt64());
        var history = invoice.LastHistory();
        Assert.Equal("QuickBooks", history.GetProperty("byUser").GetString());
        Assert.Equal("Pending", history.GetProperty("from").GetString());
        Assert.Contains($"Payment id {payment.Id}", history.GetProperty("note").GetString());
        Assert.Equal(0, await app.OutboxCountAsync(owner));
        Assert.Equal(pushes, await app.PushLogCountAsync(owner));
        Assert.Equal("synced", invoice.GetProperty("sync").GetProperty("state").GetString());
    }

    [Fact]
    public async Task ChangeAnnounced_ForAnInvoiceAsGroundworkPushedIt_IsNotApplied_AQuickBooksEditIs()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(120m);
        var client = app.CreateBrowserClient();
        const string echo = "unchanged: as Groundwork last wrote or read it";

        // The echo of Groundwork's own create (same SyncToken as the link keeps): nothing to read into the document.
        (await client.PostWebhookAsync(InboundTestData.CloudEvent(owner.Realm, "Invoice", qboId, "updated", TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        Assert.Equal(echo, (await UpdateOutcomesAsync(owner, qboId, o => o.Count >= 1))[0]);

        // A payment in QuickBooks gives the invoice a new SyncToken: the first update announced after it (the emulator's own
        // webhook or this one, whichever is processed first) is applied; any after that see the token already taken.
        await owner.Qbo.ReceivePaymentAsync(qboId, 20m);
        (await client.PostWebhookAsync(InboundTestData.CloudEvent(owner.Realm, "Invoice", qboId, "updated", TimeProvider.System.GetUtcNow().AddSeconds(5)))).EnsureSuccessStatusCode();
        var after = await UpdateOutcomesAsync(owner, qboId, o => o.Skip(1).Any(x => x != echo));
        Assert.Contains(after.Skip(1), o => o != echo);
        await owner.Api.PaidAsync("invoices", id, 2_000);
    }

    [Fact]
    public async Task BurstOfChanges_ToDocumentsNeverPushed_IsSettledWithoutReads_AndAPaymentAfterItStillArrives()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(300m);
        // More unlinked changes than one step scans (ChangeEventProcessor.Scan), in one delivery: none needs a read from QBO.
        const int burst = 1_250;
        var marker = $"9{Random.Shared.Next(10_000_000, 99_999_999)}";
        var body = $$$"""{"eventNotifications":[{"realmId":"{{{owner.Realm}}}","dataChangeEvent":{"entities":[{{{string.Join(",", Enumerable.Range(0, burst).Select(i =>
            $$"""{"name":"Invoice","id":"{{marker}}{{i:0000}}","operation":"Update","lastUpdated":"2026-11-20T10:00:00.000Z"}"""))}}}]}}]}""";
        (await app.CreateBrowserClient().PostWebhookAsync(body)).EnsureSuccessStatusCode();

        await owner.Qbo.ReceivePaymentAsync(qboId, 300m);

        await owner.Api.StatusAsync("invoices", id, "Paid");
        List<string?> outcomes = [];
        for (var i = 0; i < 150 && outcomes.Count < burst; i++)
        {
            outcomes = await app.WithDbAsync(owner.User, db => db.QboChangeEvents.AsNoTracking()
                .Where(e => e.EntityId.StartsWith(marker) && e.ProcessedAtUtc != null).Select(e => e.Outcome).ToListAsync());
            if (outcomes.Count < burst) await Task.Delay(100);
        }
        Assert.Equal(burst, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal("ignored: not linked", o));
    }

    /// <summary>Outcomes of the processed update events for the QBO invoice, oldest first, once <paramref name="enough"/> holds.</summary>
    private async Task<List<string?>> UpdateOutcomesAsync(PushOwner owner, string qboId, Func<List<string?>, bool> enough)
    {
        List<string?> outcomes = [];
        for (var i = 0; i < 150; i++)
        {
            outcomes = await app.WithDbAsync(owner.User, db => db.QboChangeEvents.AsNoTracking()
                .Where(e => e.Entity == "Invoice" && e.EntityId == qboId && e.Operation == "Update" && e.ProcessedAtUtc != null)
                .OrderBy(e => e.Id).Select(e => e.Outcome).ToListAsync());
            if (enough(outcomes)) return outcomes;
            await Task.Delay(100);
        }
        return outcomes;
    }

    [Fact]
    public async Task PaymentInQuickBooks_ForPartOfTheInvoice_MarksItPartiallyPaid()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(400m);

        await owner.Qbo.ReceivePaymentAsync(qboId, 150.50m);

        var invoice = await owner.Api.StatusAsync("invoices", id, "PartiallyPaid");
        Assert.Equal(15_050, invoice.GetProperty("paidCents").GetInt64());
        Assert.Equal(24_950, invoice.GetProperty("balanceCents").GetInt64());
        Assert.Equal("QuickBooks", invoice.LastHistory().GetProperty("byUser").GetString());
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task PaymentDeletedInQuickBooks_ReopensThePaidInvoice()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(90m);
        var payment = await owner.Qbo.ReceivePaymentAsync(qboId, 90m);
        await owner.Api.StatusAsync("invoices", id, "Paid");

        await owner.Qbo.Client.DeleteAsync<QboPayment>(owner.Qbo.Company, payment.Id!, payment.SyncToken!, Guid.NewGuid().ToString("N"), default);

        var invoice = await owner.Api.StatusAsync("invoices", id, "Pending");
        Assert.Equal(0, invoice.GetProperty("paidCents").GetInt64());
        var history = invoice.LastHistory();
        Assert.Equal(("Paid", "QuickBooks"), (history.GetProperty("from").GetString(), history.GetProperty("byUser").GetString()));
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task PaymentVoidedInQuickBooks_ReopensThePartlyPaidInvoice()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(200m);
        var first = await owner.Qbo.ReceivePaymentAsync(qboId, 50m);
        await owner.Qbo.ReceivePaymentAsync(qboId, 30m);
        await owner.Api.PaidAsync("invoices", id, 8_000);

        await owner.Qbo.Client.VoidAsync<QboPayment>(owner.Qbo.Company, first.Id!, first.SyncToken!, Guid.NewGuid().ToString("N"), default);

        var invoice = await owner.Api.PaidAsync("invoices", id, 3_000);
        Assert.Equal("PartiallyPaid", invoice.Status());
        Assert.Equal("QuickBooks", invoice.LastHistory().GetProperty("byUser").GetString());
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task InvoiceVoidedInQuickBooks_BecomesVoidWithoutVoidingItAgain()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(75m);
        var pushes = await app.PushLogCountAsync(owner);
        var current = await owner.Qbo.ReadAsync<QboInvoice>(qboId);

        await owner.Qbo.Client.VoidAsync<QboInvoice>(owner.Qbo.Company, qboId, current.SyncToken!, Guid.NewGuid().ToString("N"), default);

        var invoice = await owner.Api.StatusAsync("invoices", id, "Void");
        Assert.Equal("QuickBooks", invoice.LastHistory().GetProperty("byUser").GetString());
        Assert.Contains("Voided in QuickBooks", invoice.LastHistory().GetProperty("note").GetString());
        Assert.Equal(0, await app.OutboxCountAsync(owner));
        Assert.Equal(pushes, await app.PushLogCountAsync(owner));
    }

    [Fact]
    public async Task InvoiceDeletedInQuickBooks_ShowsDeletedAndRepushCreatesANewOneUnderGenerationOne()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(60m);
        var current = await owner.Qbo.ReadAsync<QboInvoice>(qboId);

        await owner.Qbo.Client.DeleteAsync<QboInvoice>(owner.Qbo.Company, qboId, current.SyncToken!, Guid.NewGuid().ToString("N"), default);

        var deleted = await owner.Api.SyncedAsync("invoices", id, "deletedInQuickBooks");
        Assert.Equal("deleted-in-quickbooks", deleted.GetProperty("problem").GetString());
        Assert.Equal(0, await app.OutboxCountAsync(owner));
        var link = await app.WithDbAsync(owner.User, db => db.QboLinks.AsNoTracking().SingleAsync(l => l.Kind == LinkedKind.Invoice && l.LocalId == id));
        Assert.Equal((QboLinkState.Deleted, 0), (link.State, link.Generation));
        var document = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");
        Assert.Equal("Pending", document.Status());
        Assert.Equal("QuickBooks", document.LastHistory().GetProperty("byUser").GetString());

        var repush = await owner.Api.PostJsonAsync($"/api/v1/quickbooks/documents/{id}/repush", new { });

        Assert.Equal(HttpStatusCode.Accepted, repush.StatusCode);
        var synced = await owner.Api.SyncedAsync("invoices", id);
        var newId = synced.GetProperty("qboId").GetString()!;
        Assert.NotEqual(qboId, newId);
        Assert.Equal(60m, (await owner.Qbo.ReadAsync<QboInvoice>(newId)).TotalAmt);
        var log = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/log?documentId={id}&kind=invoice");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("requestId").GetString() == $"gw-{id}-1-create");
        link = await app.WithDbAsync(owner.User, db => db.QboLinks.AsNoTracking().SingleAsync(l => l.Kind == LinkedKind.Invoice && l.LocalId == id));
        Assert.Equal((QboLinkState.Active, 1, newId), (link.State, link.Generation, link.QboId));
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Api.PostJsonAsync($"/api/v1/quickbooks/documents/{id}/repush", new { })).StatusCode);
    }

    [Fact]
    public async Task InvoiceDeletedInQuickBooks_PushedWithoutRepush_IsHeldBackNotCreatedFromAnOldRequestId()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(45m);
        var current = await owner.Qbo.ReadAsync<QboInvoice>(qboId);
        await owner.Qbo.Client.DeleteAsync<QboInvoice>(owner.Qbo.Company, qboId, current.SyncToken!, Guid.NewGuid().ToString("N"), default);
        await owner.Api.SyncedAsync("invoices", id, "deletedInQuickBooks");

        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { id } })).ReadJsonAsync();
        for (var i = 0; i < 300 && run.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(100);
            run = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/push/{run.GetProperty("id").GetString()}");
        }

        Assert.Equal(1, run.GetProperty("failed").GetInt32());
        var sync = await owner.Api.SyncedAsync("invoices", id, "deletedInQuickBooks");
        Assert.Equal(qboId, sync.GetProperty("qboId").GetString());
        var invoices = await owner.Qbo.Client.QueryAsync<QboInvoice>(owner.Qbo.Company, Groundwork.QuickBooks.QboQuery.From("Invoice"), default);
        Assert.DoesNotContain(invoices.Items, i => i.PrivateNote?.Contains($"[groundwork:invoice:{id}]", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task BillPaidByBillPaymentInQuickBooks_IsPaid()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var vendor = await owner.Api.CreateVendorAsync();
        var bill = await owner.Api.CreateBillAsync(jobId, vendor.Id(), 320m);
        var qboId = (await owner.Api.SyncedAsync("bills", bill.Id())).GetProperty("qboId").GetString()!;

        await owner.Qbo.PayBillAsync(qboId, 320m);

        var paid = await owner.Api.StatusAsync("bills", bill.Id(), "Paid");
        Assert.Equal(32_000, paid.GetProperty("paidCents").GetInt64());
        Assert.Equal(("Approved", "QuickBooks"), (paid.LastHistory().GetProperty("from").GetString(), paid.LastHistory().GetProperty("byUser").GetString()));
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task AmountEditedInQuickBooks_FlagsDriftWithBothTotalsAndChangesNeitherSide()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        var pushes = await app.PushLogCountAsync(owner);
        var current = await owner.Qbo.ReadAsync<QboInvoice>(qboId);
        var line = current.Line!.First(l => l.DetailType == "SalesItemLineDetail");

        await owner.Qbo.UpdateAsync(new QboInvoice
        {
            Id = qboId, SyncToken = current.SyncToken, Sparse = true,
            Line = [line with { Amount = 130m, SalesItemLineDetail = line.SalesItemLineDetail! with { Qty = 1, UnitPrice = 130m } }],
        });

        var sync = await owner.Api.SyncedAsync("invoices", id, "needsAttention");
        Assert.Equal("drift", sync.GetProperty("problem").GetString());
        Assert.Contains("$130.00", sync.GetProperty("message").GetString());
        Assert.Contains("$100.00", sync.GetProperty("message").GetString());
        var invoice = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");
        Assert.Equal((10_000, "Pending"), (invoice.GetProperty("totalCents").GetInt64(), invoice.Status()));
        Assert.Equal(130m, (await owner.Qbo.ReadAsync<QboInvoice>(qboId)).TotalAmt);
        Assert.Equal(0, await app.OutboxCountAsync(owner));
        Assert.Equal(pushes, await app.PushLogCountAsync(owner));
    }

    [Fact]
    public async Task Repush_ByAnAccountant_IsForbidden()
    {
        var owner = await app.PushOwnerAsync();
        var accountant = await app.CreateUserClientAsync(owner.User.OrganizationId, Groundwork.Web.Features.Organizations.OrganizationRole.Accountant);

        var response = await accountant.PostJsonAsync("/api/v1/quickbooks/documents/1/repush", new { });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
