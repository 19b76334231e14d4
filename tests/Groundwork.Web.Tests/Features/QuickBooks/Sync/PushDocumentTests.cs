using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Each document kind and line type as QuickBooks gets it; edits, stale SyncTokens and voids after sync.</summary>
[Trait("Category", "Database")]
public sealed class PushDocumentTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private static async Task<long> CostTypeAsync(PushOwner owner, string name) =>
        (await owner.Api.CreateAsync("/api/v1/cost-types", new { name })).Id();

    private static async Task<string> ClassIdAsync(PushOwner owner, string name)
    {
        var classes = await owner.Api.GetJsonAsync("/api/v1/quickbooks/classes?pageSize=200");
        return classes.GetProperty("items").EnumerateArray().First(c => c.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }

    private static Task<QboResult<T>> ReadAsync<T>(PushOwner owner, string id) where T : QboEntity, IQboEntity<T> =>
        owner.Qbo.Client.ReadAsync<T>(owner.Qbo.Company, id, default);

    [Fact]
    public async Task ApproveBill_WithMappedItemAndClass_PushesItemBasedLinesChargedToTheJob()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, location) = await owner.Api.JobAsync();
        var vendor = await owner.Api.CreateVendorAsync();
        var labor = await CostTypeAsync(owner, "Labor");
        (await owner.Api.PutJsonAsync($"/api/v1/quickbooks/mappings/cost-types/{labor}", new { qboClassId = await ClassIdAsync(owner, "Labor") })).EnsureSuccessStatusCode();
        var code = await owner.Api.CostCodeAsync("03 30 00", "Cast Concrete");
        var items = await owner.Api.ItemIdsAsync();
        (await owner.Api.PutJsonAsync($"/api/v1/quickbooks/mappings/cost-codes/{code}", new { qboItemId = items["Concrete"] })).EnsureSuccessStatusCode();
        var bill = await owner.Api.CreateAsync("/api/v1/bills", new
        {
            jobId, vendorId = vendor.Id(),
            lines = new[] { new { name = "Pour", quantity = 4m, unitAmount = 125.5m, costCodeId = (long?)code, costTypeId = (long?)labor } },
        });
        await owner.Api.ActAsync($"/api/v1/bills/{bill.Id()}/approve");

        var sync = await owner.Api.SyncedAsync("bills", bill.Id());

        var qbo = (await ReadAsync<QboBill>(owner, sync.GetProperty("qboId").GetString()!)).Value;
        Assert.Equal(502m, qbo.TotalAmt);
        var line = Assert.Single(qbo.Line!).ItemBasedExpenseLineDetail!;
        Assert.Equal(items["Concrete"], line.ItemRef!.Value);
        Assert.Equal(await ClassIdAsync(owner, "Labor"), line.ClassRef!.Value);
        var job = (await ReadAsync<QboCustomer>(owner, line.CustomerRef!.Value)).Value;
        Assert.Equal(location, job.DisplayName);
        var qboVendor = (await ReadAsync<QboVendor>(owner, qbo.VendorRef!.Value)).Value;
        Assert.Equal(vendor.GetProperty("name").GetString(), qboVendor.DisplayName);
        Assert.Equal("Bill", sync.GetProperty("qboType").GetString());
    }

    [Fact]
    public async Task FinalizeNegativeInvoice_PushesACreditMemo()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Credit for damaged trim", 1, -75.5m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());

        Assert.Equal("CreditMemo", sync.GetProperty("qboType").GetString());
        var memo = (await ReadAsync<QboCreditMemo>(owner, sync.GetProperty("qboId").GetString()!)).Value;
        Assert.Equal(75.5m, memo.TotalAmt);
    }

    [Fact]
    public async Task FinalizeTaxedInvoice_QuickBooksTotalAgreesToTheCent()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync(taxRate: 8.25m);
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Fixtures", 3, 19.99m, true, null, null), ("Labor", 2, 80m, false, null, null));
        var total = invoice.Cents("totalCents") / 100m;

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());

        var qbo = (await ReadAsync<QboInvoice>(owner, sync.GetProperty("qboId").GetString()!)).Value;
        Assert.Equal(total, qbo.TotalAmt);
        Assert.Equal(invoice.Cents("taxCents") / 100m, qbo.TxnTaxDetail!.TotalTax);
        var lines = qbo.Line!.Where(l => l.SalesItemLineDetail is not null).ToList();
        Assert.Equal(["TAX", "NON"], lines.Select(l => l.SalesItemLineDetail!.TaxCodeRef!.Value));
    }

    [Fact]
    public async Task Push_CustomNumbersOn_SendsGroundworksNumberAsDocNumber()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var number = $"GW-{Random.Shared.Next(100000, 999999)}";
        var created = await owner.Api.CreateAsync("/api/v1/invoices", new { jobId, number, lines = new[] { new { name = "Work", quantity = 1, unitAmount = 10m, taxable = false } } });
        await owner.Api.ActAsync($"/api/v1/invoices/{created.Id()}/finalize");

        var sync = await owner.Api.SyncedAsync("invoices", created.Id());

        Assert.Equal(number, (await ReadAsync<QboInvoice>(owner, sync.GetProperty("qboId").GetString()!)).Value.DocNumber);
    }

    [Fact]
    public async Task Push_CustomNumbersOff_LeavesTheNumberToQuickBooksAndStoresIt()
    {
        var owner = await app.PushOwnerAsync();
        var prefs = (await owner.Qbo.Client.ReadPreferencesAsync(owner.Qbo.Company, default)).Value;
        await owner.Qbo.UpdateAsync(new QboPreferences
        {
            Id = prefs.Id, SyncToken = prefs.SyncToken, SalesFormsPrefs = prefs.SalesFormsPrefs! with { CustomTxnNumbers = false },
        });
        var checkedAgain = await owner.Browser.PostFormAsync("/Settings/Integrations?handler=Readiness", [], "/Settings/Integrations");
        Assert.True(checkedAgain.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 10m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());

        var qbo = (await ReadAsync<QboInvoice>(owner, sync.GetProperty("qboId").GetString()!)).Value;
        Assert.NotEqual(invoice.GetProperty("number").GetString(), qbo.DocNumber);
        var link = await app.WithDbAsync(owner.User, db => db.QboLinks.SingleAsync(l => l.Kind == LinkedKind.Invoice && l.LocalId == invoice.Id()));
        Assert.Equal(qbo.DocNumber, link.QboName);
    }

    [Fact]
    public async Task EditAfterSync_UpdatesTheRecord_EvenWhenTheBookkeeperChangedItMeanwhile()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));
        var first = await owner.Api.SyncedAsync("invoices", invoice.Id());
        var qboId = first.GetProperty("qboId").GetString()!;
        // The bookkeeper touches it in QuickBooks: Groundwork's SyncToken is now stale (5010 on the next update).
        var current = (await ReadAsync<QboInvoice>(owner, qboId)).Value;
        await owner.Qbo.UpdateAsync(new QboInvoice { Id = qboId, SyncToken = current.SyncToken, CustomerMemo = new QboMemo { Value = "Thanks!" } });

        var edited = await owner.Api.PutJsonAsync($"/api/v1/invoices/{invoice.Id()}", new
        {
            jobId, number = invoice.GetProperty("number").GetString(), version = (await owner.Api.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).GetProperty("version").GetInt64(),
            lines = new[] { new { name = "Work", quantity = 2, unitAmount = 100m, taxable = false } },
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await WaitAsync(async () => (await ReadAsync<QboInvoice>(owner, qboId)).Value.TotalAmt == 200m);

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());
        Assert.Equal(qboId, sync.GetProperty("qboId").GetString());
        var log = await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.LocalId == invoice.Id() && e.Operation == "update").CountAsync());
        Assert.Equal(1, log);
    }

    [Fact]
    public async Task VoidAfterSync_VoidsTheInvoice_AndZeroesTheBill()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));
        var bill = await owner.Api.CreateBillAsync(jobId, (await owner.Api.CreateVendorAsync()).Id(), 40m);
        var invoiceId = (await owner.Api.SyncedAsync("invoices", invoice.Id())).GetProperty("qboId").GetString()!;
        var billId = (await owner.Api.SyncedAsync("bills", bill.Id())).GetProperty("qboId").GetString()!;

        await owner.Api.ActAsync($"/api/v1/invoices/{invoice.Id()}/void");
        await owner.Api.ActAsync($"/api/v1/bills/{bill.Id()}/void");

        await WaitAsync(async () => (await ReadAsync<QboInvoice>(owner, invoiceId)).Value.TotalAmt == 0m);
        await WaitAsync(async () => (await ReadAsync<QboBill>(owner, billId)).Value.TotalAmt == 0m);
        Assert.Contains("Voided in Groundwork", (await ReadAsync<QboBill>(owner, billId)).Value.PrivateNote);
        var billSync = await owner.Api.SyncedAsync("bills", bill.Id());
        Assert.Contains("cannot void a bill", billSync.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("The condition never held.");
    }
}
