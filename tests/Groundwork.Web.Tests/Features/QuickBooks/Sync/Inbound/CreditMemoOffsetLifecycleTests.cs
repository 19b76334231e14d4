using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// What becomes of the offsetting negative invoice when QuickBooks' credit memo goes after the offset: voided there → the
/// invoice is voided here; deleted there → "Deleted in QuickBooks", and no push (re-push, Push All) ever creates the credit memo again.
/// </summary>
[Trait("Category", "Database")]
public sealed class CreditMemoOffsetLifecycleTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    private const string List = "/api/v1/quickbooks/credit-memos";

    private async Task<(PushOwner Owner, QboRef Site, QboCreditMemo Memo, long InvoiceId)> OffsetAsync(decimal amount)
    {
        var owner = await app.PushOwnerAsync();
        var (_, invoiceQboId) = await owner.SyncedInvoiceAsync(100m);
        var site = (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQboId)).CustomerRef!;
        var memo = await owner.Qbo.CreditMemoAsync(site, owner.DefaultItemId, amount);
        var listed = await owner.Api.ListedAsync(memo.Id!);
        var offset = await owner.Api.PostJsonAsync($"{List}/{listed.GetProperty("id").GetInt64()}/offset", new { });
        Assert.Equal(HttpStatusCode.Created, offset.StatusCode);
        return (owner, site, memo, (await offset.ReadJsonAsync()).GetProperty("invoiceId").GetInt64());
    }

    private static async Task<List<QboCreditMemo>> MemosOfAsync(PushOwner owner, QboRef site) =>
        [.. (await owner.Qbo.Client.QueryAsync<QboCreditMemo>(owner.Qbo.Company, QboQuery.From("CreditMemo").WhereEquals("CustomerRef", site.Value!), default)).Items];

    /// <summary>Signs in to the emulator's UI as the bookkeeper and presses Void on the record.</summary>
    private async Task VoidInQuickBooksUiAsync(string realm, string entity, string id)
    {
        var ui = app.CreateBrowserClient();
        var signIn = await ui.PostAsync("/qbo/ui/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = QboAppFactory.BookkeeperEmail, ["password"] = QboAppFactory.BookkeeperPassword, ["returnUrl"] = $"/qbo/ui/{realm}",
            ["__RequestVerificationToken"] = await UiTokenAsync(ui, "/qbo/ui/signin"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var voided = await ui.PostAsync($"/qbo/ui/{realm}/do/void", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["entity"] = entity, ["id"] = id, ["back"] = $"/qbo/ui/{realm}", ["__RequestVerificationToken"] = await UiTokenAsync(ui, $"/qbo/ui/{realm}"),
        }));
        Assert.True(voided.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Void in the emulator's UI → {(int)voided.StatusCode}");
    }

    private static async Task<string> UiTokenAsync(HttpClient ui, string page) =>
        System.Text.RegularExpressions.Regex.Match(await ui.GetStringAsync(page), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task CreditMemoVoidedInQuickBooks_AfterItsOffset_VoidsTheOffsettingInvoice_NothingPushed()
    {
        var (owner, site, memo, id) = await OffsetAsync(25m);

        // QBO's API voids no credit memo (the client refuses to ask); its UI does: the bookkeeper voids it there.
        await VoidInQuickBooksUiAsync(owner.Realm, "CreditMemo", memo.Id!);

        var voided = await owner.Api.StatusAsync("invoices", id, "Void");
        Assert.Equal(-2_500, voided.GetProperty("totalCents").GetInt64());
        Assert.Equal("QuickBooks", voided.LastHistory().GetProperty("byUser").GetString());
        Assert.Contains($"Voided in QuickBooks (QuickBooks CreditMemo id {memo.Id})", voided.LastHistory().GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.OutboxCountAsync(owner));
        Assert.Equal([memo.Id], (await MemosOfAsync(owner, site)).Select(m => m.Id));
        Assert.Empty(await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.LocalId == id && e.Kind == LinkedKind.Invoice && e.Operation == "create").ToListAsync()));
    }

    [Fact]
    public async Task CreditMemoDeletedInQuickBooks_AfterItsOffset_IsNeverCreatedAgain_ByRepushOrPushAll()
    {
        var (owner, site, memo, id) = await OffsetAsync(30m);
        var current = await owner.Qbo.ReadAsync<QboCreditMemo>(memo.Id!);

        await owner.Qbo.Client.DeleteAsync<QboCreditMemo>(owner.Qbo.Company, memo.Id!, current.SyncToken!, Guid.NewGuid().ToString("N"), default);
        await owner.Api.SyncedAsync("invoices", id, "deletedInQuickBooks");

        var repush = await owner.Api.PostJsonAsync($"/api/v1/quickbooks/documents/{id}/repush", new { });
        Assert.Equal(HttpStatusCode.Conflict, repush.StatusCode);
        Assert.Contains("never creates that credit memo again", await repush.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.OutboxCountAsync(owner));

        var run = await (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).ReadJsonAsync();
        await owner.Api.RunEndedAsync(run.GetProperty("id").GetString()!);

        var sync = await owner.Api.SyncedAsync("invoices", id, "needsAttention");
        Assert.Equal("offset-memo-deleted", sync.GetProperty("problem").GetString());
        Assert.Empty(await MemosOfAsync(owner, site));
        Assert.Empty(await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.LocalId == id && e.Kind == LinkedKind.Invoice && e.Operation == "create").ToListAsync()));
        Assert.Equal(0, await app.WithDbAsync(owner.User, db => db.QboLinks.Where(l => l.LocalId == id && l.Kind == LinkedKind.Invoice).Select(l => l.Generation).SingleAsync()));
    }
}
