using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// QuickBooks refuses a document pre-flight could not foresee (its item made inactive in QuickBooks since Groundwork read the
/// list); once fixed, pushing again is answered afresh, not with the refusal QuickBooks keeps for the first requestid.
/// </summary>
[Trait("Category", "Database")]
public sealed class PushRefusalTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task RefusedByQuickBooks_ThenFixedThere_PushedAgain_IsCreatedUnderANewRequestId()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var item = (await owner.Qbo.Client.QueryAsync<QboItem>(owner.Qbo.Company, QboQuery.From("Item").WhereEquals("Id", owner.DefaultItemId), default)).Items.Single();
        // Made inactive in QuickBooks only: Groundwork's cached list still shows it active, so pre-flight lets the invoice go.
        var inactive = await owner.Qbo.DeactivateAsync(item);
        var id = (await owner.Api.InvoiceAsync(jobId, ("Framing", 2, 150m, false, null, null))).Id();

        var refused = await owner.Api.SyncedAsync("invoices", id, "needsAttention");
        Assert.Contains("QuickBooks refused it", refused.GetProperty("message").GetString());
        Assert.Equal(1, await app.WithDbAsync(owner.User, db => db.QboSyncLog.CountAsync(e => e.LocalId == id && e.Kind == Groundwork.Web.Features.QuickBooks.Links.LinkedKind.Invoice && e.Operation == DocumentPusher.RefusedOperation)));

        // The bookkeeper makes the item active again in QuickBooks, and the builder pushes the invoice again.
        await owner.Qbo.UpdateAsync(System.Text.Json.JsonSerializer.Deserialize<QboItem>(System.Text.Json.JsonSerializer.Serialize(new
        {
            inactive.Id, inactive.SyncToken, sparse = true, Active = true, Name = item.Name,
        }))!);
        (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { id } })).EnsureSuccessStatusCode();

        var synced = await owner.Api.SyncedAsync("invoices", id);
        var created = await owner.Qbo.Client.ReadAsync<QboInvoice>(owner.Qbo.Company, synced.GetProperty("qboId").GetString()!, default);
        Assert.Equal(300m, created.Value.TotalAmt);
        var create = await app.WithDbAsync(owner.User, db => db.QboSyncLog.SingleAsync(e => e.LocalId == id && e.Entity == "Invoice" && e.Operation == "create" && e.Result == SyncResult.Succeeded));
        Assert.Equal($"gw-{id}-0-create-r1", create.RequestId);
    }
}
