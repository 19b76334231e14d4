using System.Text;
using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>Payments on both sides: recorded through Groundwork's API, looked up in the emulator by Groundwork's marker.</summary>
internal static class PaymentTestData
{
    public const string AccountUrl = "/api/v1/quickbooks/settings/bill-payment-account";

    /// <summary>Records a payment through the API (201 expected) and returns it.</summary>
    public static async Task<JsonElement> RecordPaymentAsync(this HttpClient api, string? reference, params (long DocumentId, decimal Amount)[] applications)
    {
        var response = await api.PostJsonAsync("/api/v1/payments", new
        {
            method = "Check", reference,
            applications = applications.Select(a => new { documentId = a.DocumentId, amount = a.Amount }).ToArray(),
        });
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST payments → {(int)response.StatusCode}: {json}");
        return json;
    }

    /// <summary>The payment's <c>sync</c> once its state is one of <paramref name="states"/> (polls: pushes run in the background).</summary>
    public static async Task<JsonElement> PaymentSyncAsync(this HttpClient api, long paymentId, params string[] states)
    {
        JsonElement sync = default;
        for (var i = 0; i < 300; i++)
        {
            sync = (await api.GetJsonAsync($"/api/v1/payments/{paymentId}")).GetProperty("sync");
            if (sync.ValueKind == JsonValueKind.Object && states.Contains(sync.GetProperty("state").GetString())) return sync;
            await Task.Delay(100);
        }
        Assert.Fail($"Payment {paymentId} never reached {string.Join("/", states)}: {sync}");
        return sync;
    }

    /// <summary>Groundwork's payments applied to the document, as the API lists them.</summary>
    public static async Task<List<JsonElement>> PaymentsOfAsync(this HttpClient api, long documentId) =>
        [.. (await api.GetJsonAsync($"/api/v1/payments?documentId={documentId}")).EnumerateArray()];

    /// <summary>The document's payments once there are <paramref name="count"/> (polls).</summary>
    public static async Task<List<JsonElement>> PaymentsOfAsync(this HttpClient api, long documentId, int count)
    {
        var list = new List<JsonElement>();
        for (var i = 0; i < 300; i++)
        {
            list = await api.PaymentsOfAsync(documentId);
            if (list.Count == count) return list;
            await Task.Delay(100);
        }
        Assert.Fail($"Document {documentId} never had {count} payment(s): {string.Join(", ", list)}");
        return list;
    }

    public static async Task<List<T>> MarkedAsync<T>(this QuickBooksSide qbo, long paymentId) where T : QboTransaction, IQboEntity<T> =>
        [.. (await qbo.Client.QueryAsync<T>(qbo.Company, QboQuery.From(T.EntityName).MaxResults(1000), default)).Items
            .Where(p => p.PrivateNote?.Contains($"[groundwork:payment:{paymentId}]", StringComparison.Ordinal) == true)];

    /// <summary>Waits until every webhook event about the QBO record has been processed, so "nothing more happened" can be asserted.</summary>
    public static async Task ProcessedAsync(this QboAppFactory app, PushOwner owner, string entity, string qboId, int atLeast = 1)
    {
        for (var i = 0; i < 300; i++)
        {
            var (all, open) = await app.WithDbAsync(owner.User, async db => (
                await db.QboChangeEvents.CountAsync(e => e.Entity == entity && e.EntityId == qboId),
                await db.QboChangeEvents.CountAsync(e => e.Entity == entity && e.EntityId == qboId && e.ProcessedAtUtc == null)));
            if (all >= atLeast && open == 0) return;
            await Task.Delay(100);
        }
        Assert.Fail($"Webhook events for {entity} {qboId} were never all processed.");
    }

    public static Task<int> SetStatusAsync(this QboAppFactory app, PushOwner owner, QboConnectionStatus status) =>
        app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status)));

    public static async Task FaultsAsync(this QboAppFactory app, string realm, string json)
    {
        var response = await app.CreateEmulatorAdminClient().PutAsync($"/qbo/admin/api/faults/{realm}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode);
    }

    /// <summary>Chooses the company's account named <paramref name="name"/> for bill payments; returns its QBO id.</summary>
    public static async Task<string> ChooseAccountAsync(this HttpClient api, string name)
    {
        var options = (await api.GetJsonAsync(AccountUrl)).GetProperty("options").EnumerateArray();
        var id = options.First(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
        var response = await api.PutJsonAsync(AccountUrl, new { accountId = id });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>A pushed bill for <paramref name="amount"/>: its Groundwork id and QBO id.</summary>
    public static async Task<(long Id, string QboId)> SyncedBillAsync(this PushOwner owner, decimal amount)
    {
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var vendor = await owner.Api.CreateVendorAsync();
        var bill = await owner.Api.CreateBillAsync(jobId, vendor.Id(), amount);
        return (bill.Id(), (await owner.Api.SyncedAsync("bills", bill.Id())).GetProperty("qboId").GetString()!);
    }
}
