using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// The bookkeeper issues a credit memo in QuickBooks to a customer Groundwork knows: Groundwork lists it, and one click makes
/// the offsetting negative invoice (the brief's practice), linked to that credit memo so it is never pushed as a second one,
/// and settled when QuickBooks applies the credit.
/// </summary>
[Trait("Category", "Database")]
public sealed class CreditMemoTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    private const string List = "/api/v1/quickbooks/credit-memos";

    [Fact]
    public async Task CreditMemoInQuickBooks_ForALinkedSubCustomer_IsListed_OffsetIsLinked_NeverPushedAsASecond_AndPaidWhenApplied()
    {
        var owner = await app.PushOwnerAsync();
        var (invoiceId, invoiceQboId) = await owner.SyncedInvoiceAsync(100m);
        var site = (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQboId)).CustomerRef!;
        var unlinked = await owner.Qbo.CreditMemoAsync(await owner.Qbo.CustomerAsync("Cool Cars"), owner.DefaultItemId, 15m);

        var memo = await owner.Qbo.CreditMemoAsync(site, owner.DefaultItemId, 40m, "Goodwill — scratched floor");

        var listed = await owner.Api.ListedAsync(memo.Id!);
        Assert.Equal((4_000, 4_000, site.Value), (listed.GetProperty("totalCents").GetInt64(), listed.GetProperty("remainingCents").GetInt64(),
            listed.GetProperty("customerQboId").GetString()));
        Assert.DoesNotContain((await owner.Api.GetJsonAsync(List)).GetProperty("items").EnumerateArray(), m => m.GetProperty("qboId").GetString() == unlinked.Id);

        var offset = await owner.Api.PostJsonAsync($"{List}/{listed.GetProperty("id").GetInt64()}/offset", new { });

        Assert.Equal(HttpStatusCode.Created, offset.StatusCode);
        var made = await offset.ReadJsonAsync();
        var id = made.GetProperty("invoiceId").GetInt64();
        var invoice = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");
        Assert.Equal((-4_000L, "Pending"), (invoice.GetProperty("totalCents").GetInt64(), invoice.Status()));
        Assert.Equal([("Goodwill", -1m, 4_000L, (long?)null)], invoice.Lines());
        Assert.Contains($"QuickBooks CreditMemo id {memo.Id}", invoice.LastHistory().GetProperty("note").GetString(), StringComparison.Ordinal);
        var sync = invoice.GetProperty("sync");
        Assert.Equal(("synced", "CreditMemo", memo.Id), (sync.GetProperty("state").GetString(), sync.GetProperty("qboType").GetString(), sync.GetProperty("qboId").GetString()));
        Assert.Empty((await owner.Api.GetJsonAsync(List)).GetProperty("items").EnumerateArray());
        Assert.Equal(0, await app.OutboxCountAsync(owner));

        // Pushed on purpose, it updates that credit memo: QuickBooks never gets a second one.
        await owner.Api.PushAndWaitAsync(id);
        var memos = await owner.Qbo.Client.QueryAsync<QboCreditMemo>(owner.Qbo.Company, QboQuery.From("CreditMemo").WhereEquals("CustomerRef", site.Value), default);
        Assert.Equal([memo.Id], memos.Items.Select(m => m.Id));
        var log = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/log?documentId={id}&kind=invoice");
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("operation").GetString() == "create");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("operation").GetString() == "update" && e.GetProperty("qboId").GetString() == memo.Id);

        // The bookkeeper applies the credit to the open invoice in QuickBooks (a payment of 0 linking both).
        await owner.Qbo.CreateAsync(new QboPayment
        {
            CustomerRef = site, TotalAmt = 0m,
            Line = [new QboLine { Amount = 40m, LinkedTxn = [new QboLinkedTxn { TxnId = invoiceQboId, TxnType = "Invoice" }] },
                new QboLine { Amount = 40m, LinkedTxn = [new QboLinkedTxn { TxnId = memo.Id, TxnType = "CreditMemo" }] }],
        });

        var paid = await owner.Api.StatusAsync("invoices", id, "Paid");
        Assert.Equal(-4_000, paid.GetProperty("paidCents").GetInt64());
        Assert.Equal("QuickBooks", paid.LastHistory().GetProperty("byUser").GetString());
        Assert.Equal("PartiallyPaid", (await owner.Api.StatusAsync("invoices", invoiceId, "PartiallyPaid")).Status());
    }

    [Fact]
    public async Task CreditMemoDeletedInQuickBooks_BeforeItsOffset_LeavesTheList()
    {
        var owner = await app.PushOwnerAsync();
        var (_, invoiceQboId) = await owner.SyncedInvoiceAsync(70m);
        var site = (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQboId)).CustomerRef!;
        var memo = await owner.Qbo.CreditMemoAsync(site, owner.DefaultItemId, 12.5m);
        var listed = await owner.Api.ListedAsync(memo.Id!);

        await owner.Qbo.Client.DeleteAsync<QboCreditMemo>(owner.Qbo.Company, memo.Id!, memo.SyncToken!, Guid.NewGuid().ToString("N"), default);

        for (var i = 0; i < 300 && (await owner.Api.GetJsonAsync(List)).GetProperty("items").GetArrayLength() > 0; i++) await Task.Delay(100);
        Assert.Empty((await owner.Api.GetJsonAsync(List)).GetProperty("items").EnumerateArray());
        var offset = await owner.Api.PostJsonAsync($"{List}/{listed.GetProperty("id").GetInt64()}/offset", new { });
        Assert.Equal(HttpStatusCode.NotFound, offset.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.QboLinks.CountAsync(l => l.QboType == "CreditMemo")));
    }

    [Fact]
    public async Task CreditMemoChangedInQuickBooks_BeforeItsOffset_IsUpdatedInTheList()
    {
        var owner = await app.PushOwnerAsync();
        var (_, invoiceQboId) = await owner.SyncedInvoiceAsync(70m);
        var site = (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQboId)).CustomerRef!;
        var memo = await owner.Qbo.CreditMemoAsync(site, owner.DefaultItemId, 10m);
        await owner.Api.ListedAsync(memo.Id!);

        await owner.Qbo.UpdateAsync(memo with { Line = [DriftTestData.SalesLine(owner.DefaultItemId, 2, 10m)], Sparse = false });

        var listed = await owner.Api.ListedAsync(memo.Id!, totalCents: 2_000);
        Assert.Equal(1, (await owner.Api.GetJsonAsync(List)).GetProperty("items").GetArrayLength());
        Assert.Equal(1, listed.GetProperty("lineCount").GetInt32());
    }

    [Fact]
    public async Task CreditMemosTab_ShowsTheCountAndTheOwnerOffsetsWithOneClick_AccountantCannot()
    {
        var owner = await app.PushOwnerAsync();
        var (_, invoiceQboId) = await owner.SyncedInvoiceAsync(90m);
        var site = (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQboId)).CustomerRef!;
        var memo = await owner.Qbo.CreditMemoAsync(site, owner.DefaultItemId, 25m);
        await owner.Api.ListedAsync(memo.Id!);
        const string path = "/Settings/Integrations/QuickBooks/CreditMemos";
        var accountant = await app.BrowserOfAsync(owner, OrganizationRole.Accountant);
        var seen = await accountant.GetPageAsync(path);
        Assert.NotNull(seen.QuerySelector($"#credit-memo-{memo.Id}"));
        Assert.Null(seen.QuerySelector($"#offset-{memo.Id}"));

        var page = await owner.Browser.GetPageAsync(path);
        Assert.Equal("1", page.QuerySelector("#credit-memos-count")?.TextContent);
        var made = await owner.Browser.SubmitAsync(page.Form($"#offset-form-{memo.Id}"));

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var invoicePage = await owner.Browser.GetPageAsync(made.Headers.Location!.OriginalString);
        Assert.Equal("-$25.00", invoicePage.QuerySelector("#document-total")?.TextContent);
        Assert.Equal($"CreditMemo #{memo.Id}", invoicePage.QuerySelector("#sync-qbo-id")?.TextContent);
        Assert.Equal("0", (await owner.Browser.GetPageAsync(path)).QuerySelector("#credit-memos-count")?.TextContent);
    }

    [Fact]
    public async Task Offset_ByAnAccountant_IsForbidden()
    {
        var owner = await app.PushOwnerAsync();
        var accountant = await app.CreateUserClientAsync(owner.User.OrganizationId, OrganizationRole.Accountant);

        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(List)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostJsonAsync($"{List}/1/offset", new { })).StatusCode);
    }
}

internal static class CreditMemoTestData
{
    public static Task<QboCreditMemo> CreditMemoAsync(this QuickBooksSide qbo, QboRef customer, string itemId, decimal amount, string? description = null) =>
        qbo.CreateAsync(new QboCreditMemo { CustomerRef = customer, Line = [DriftTestData.SalesLine(itemId, 1, amount, description)] });

    /// <summary>The credit memo in Groundwork's list once it is there (with that total, when given).</summary>
    public static async Task<JsonElement> ListedAsync(this HttpClient api, string qboId, long? totalCents = null)
    {
        for (var i = 0; i < 300; i++)
        {
            var items = (await api.GetJsonAsync("/api/v1/quickbooks/credit-memos")).GetProperty("items").EnumerateArray().ToList();
            var found = items.FirstOrDefault(m => m.GetProperty("qboId").GetString() == qboId);
            if (found.ValueKind == JsonValueKind.Object && (totalCents is null || found.GetProperty("totalCents").GetInt64() == totalCents)) return found;
            await Task.Delay(100);
        }
        Assert.Fail($"Credit memo {qboId} never listed{(totalCents is null ? "" : $" at {totalCents} cents")}.");
        return default;
    }

    /// <summary>Pushes the document now (Push selected) and waits for the run to end.</summary>
    public static async Task PushAndWaitAsync(this HttpClient api, long documentId)
    {
        var run = await (await api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { documentId } })).ReadJsonAsync();
        for (var i = 0; i < 300 && run.GetProperty("state").GetString() == "running"; i++)
        {
            await Task.Delay(100);
            run = await api.GetJsonAsync($"/api/v1/quickbooks/push/{run.GetProperty("id").GetString()}");
        }
        Assert.Equal(("finished", 0), (run.GetProperty("state").GetString(), run.GetProperty("failed").GetInt32()));
    }
}
