using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>With every webhook dropped, line edits and credit memos made in QuickBooks still arrive, by the CDC schedule.</summary>
[Trait("Category", "Database")]
public sealed class DriftCdcTests(WebhooksDroppedAppFactory app) : IClassFixture<WebhooksDroppedAppFactory>
{
    [Fact]
    public async Task WebhooksDropped_LineEditedInQuickBooks_IsFlaggedByTheCdcSchedule()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.TwoLineInvoiceAsync();

        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0], lines[1].With(2, 30m)]);
        var sync = await app.AdvanceUntilDoneAsync(owner.Api.DriftAsync("invoices", id), TimeSpan.FromMinutes(11));

        Assert.Contains("line 2: amount $60.00 (Groundwork $50.00), unit price 30.00 (Groundwork 25.00)", sync.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhooksDropped_CreditMemoInQuickBooks_IsListedByTheCdcSchedule_AndLeavesWhenDeleted()
    {
        var owner = await app.PushOwnerAsync();
        var (_, invoiceQboId) = await owner.SyncedInvoiceAsync(60m);
        var site = (await owner.Qbo.ReadAsync<QboInvoice>(invoiceQboId)).CustomerRef!;

        var memo = await owner.Qbo.CreditMemoAsync(site, owner.DefaultItemId, 22m);
        var listed = await app.AdvanceUntilDoneAsync(owner.Api.ListedAsync(memo.Id!), TimeSpan.FromMinutes(11));
        Assert.Equal(2_200, listed.GetProperty("totalCents").GetInt64());

        await owner.Qbo.Client.DeleteAsync<QboCreditMemo>(owner.Qbo.Company, memo.Id!, memo.SyncToken!, Guid.NewGuid().ToString("N"), default);
        var gone = await app.AdvanceUntilDoneAsync(EmptyAsync(owner.Api), TimeSpan.FromMinutes(11));

        Assert.True(gone);
    }

    private static async Task<bool> EmptyAsync(HttpClient api)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await api.GetJsonAsync("/api/v1/quickbooks/credit-memos")).GetProperty("items").GetArrayLength() == 0) return true;
            await Task.Delay(100);
        }
        return false;
    }
}
