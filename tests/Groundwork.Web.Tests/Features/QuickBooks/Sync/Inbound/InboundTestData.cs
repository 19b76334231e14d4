using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Groundwork.QboEmulator;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// The app as a new user meets it (the emulator's dev app sends its webhooks here), on a SQLite file: these tests poll the
/// API while the company grain writes the same documents, which shared-cache memory SQLite can deadlock.
/// </summary>
public class InboundAppFactory() : QboAppFactory(sqliteFile: true);

/// <summary>The bookkeeper's side of status back (payments, voids, deletes in QBO) and Groundwork's side as the API shows it.</summary>
internal static class InboundTestData
{
    public const string WebhookUrl = "/integrations/quickbooks/webhooks";

    /// <summary>Posts a webhook body as Intuit would, signed with <paramref name="verifierToken"/> (the embedded dev app's by default).</summary>
    public static async Task<HttpResponseMessage> PostWebhookAsync(this HttpClient client, string body, string? verifierToken = QboEmulatorDevApp.VerifierToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        if (verifierToken is not null) content.Headers.Add("intuit-signature", Sign(body, verifierToken));
        return await client.PostAsync(WebhookUrl, content);
    }

    public static string Sign(string body, string verifierToken) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), Encoding.UTF8.GetBytes(body)));

    public static string CloudEvent(string realm, string entity, string id, string verb, DateTimeOffset at) => JsonSerializer.Serialize(new[]
    {
        new Dictionary<string, object>
        {
            ["specversion"] = "1.0", ["id"] = Guid.NewGuid().ToString(), ["source"] = "intuit.test", ["type"] = $"qbo.{entity.ToLowerInvariant()}.{verb}.v1",
            ["time"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["intuitentityid"] = id, ["intuitaccountid"] = realm,
        },
    });

    /// <summary>The invoice or bill once its status is <paramref name="status"/> (polls: QuickBooks' change arrives in the background).</summary>
    public static async Task<JsonElement> StatusAsync(this HttpClient api, string kind, long id, string status, int seconds = 30)
    {
        JsonElement document = default;
        for (var i = 0; i < seconds * 10; i++)
        {
            document = await api.GetJsonAsync($"/api/v1/{kind}/{id}");
            if (document.Status() == status) return document;
            await Task.Delay(100);
        }
        Assert.Fail($"{kind} {id} never became {status}: {document}");
        return document;
    }

    /// <summary>The invoice or bill once QuickBooks' payments on it come to <paramref name="paidCents"/> (polls).</summary>
    public static async Task<JsonElement> PaidAsync(this HttpClient api, string kind, long id, long paidCents, int seconds = 30)
    {
        JsonElement document = default;
        for (var i = 0; i < seconds * 10; i++)
        {
            document = await api.GetJsonAsync($"/api/v1/{kind}/{id}");
            if (document.GetProperty("paidCents").GetInt64() == paidCents) return document;
            await Task.Delay(100);
        }
        Assert.Fail($"{kind} {id} never had {paidCents} cents paid: {document}");
        return document;
    }

    /// <summary>A customer payment in QBO applied to the invoice, as the bookkeeper records one.</summary>
    public static async Task<QboPayment> ReceivePaymentAsync(this QuickBooksSide qbo, string invoiceId, decimal amount)
    {
        var invoice = (await qbo.Client.ReadAsync<QboInvoice>(qbo.Company, invoiceId, default)).Value;
        return await qbo.CreateAsync(new QboPayment
        {
            CustomerRef = invoice.CustomerRef, TotalAmt = amount,
            Line = [new QboLine { Amount = amount, LinkedTxn = [new QboLinkedTxn { TxnId = invoiceId, TxnType = "Invoice" }] }],
        });
    }

    /// <summary>A bill payment by check from the company's first bank account, applied to the bill.</summary>
    public static async Task<QboBillPayment> PayBillAsync(this QuickBooksSide qbo, string billId, decimal amount)
    {
        var bill = (await qbo.Client.ReadAsync<QboBill>(qbo.Company, billId, default)).Value;
        var bank = (await qbo.Client.QueryAsync<QboAccount>(qbo.Company, QboQuery.From("Account").WhereEquals("AccountType", "Bank"), default)).Items[0];
        return await qbo.CreateAsync(new QboBillPayment
        {
            VendorRef = bill.VendorRef, PayType = "Check", TotalAmt = amount, CheckPayment = new QboCheckPayment { BankAccountRef = new QboRef(bank.Id!) },
            Line = [new QboLine { Amount = amount, LinkedTxn = [new QboLinkedTxn { TxnId = billId, TxnType = "Bill" }] }],
        });
    }

    public static async Task<T> ReadAsync<T>(this QuickBooksSide qbo, string id) where T : QboEntity, IQboEntity<T> =>
        (await qbo.Client.ReadAsync<T>(qbo.Company, id, default)).Value;

    /// <summary>A pushed invoice for <paramref name="amount"/> (one untaxed line): its Groundwork id and QBO id.</summary>
    public static async Task<(long Id, string QboId)> SyncedInvoiceAsync(this PushOwner owner, decimal amount)
    {
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.CreateInvoiceAsync(jobId, amount);
        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());
        return (invoice.Id(), sync.GetProperty("qboId").GetString()!);
    }

    /// <summary>The last history entry of the document.</summary>
    public static JsonElement LastHistory(this JsonElement document) => document.GetProperty("history").EnumerateArray().Last();

    /// <summary>Outbox rows of the organization (the push queue): what status back must never write.</summary>
    public static Task<int> OutboxCountAsync(this QboAppFactory app, PushOwner owner) =>
        app.WithDbAsync(owner.User, db => db.QboOutbox.CountAsync());

    /// <summary>Transactions-log rows written by pushes (not by QuickBooks' side): a push after a status change would add one.</summary>
    public static Task<int> PushLogCountAsync(this QboAppFactory app, PushOwner owner) =>
        app.WithDbAsync(owner.User, db => db.QboSyncLog.CountAsync(e => e.Trigger != "QuickBooks"));
}
