using System.Text.Json;
using CsvHelper;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Log;

/// <summary>Pushed invoices, refused pushes and hand-written log lines, and the CSV read back as a spreadsheet would.</summary>
internal static class LogTestData
{
    public const string LogUrl = "/api/v1/quickbooks/log";
    public const string CsvUrl = "/api/v1/quickbooks/log.csv";
    public const string PagePath = "/Settings/Integrations/QuickBooks/Log";

    public sealed record Pushed(long InvoiceId, long CustomerId, long LocationId, string QboId);

    /// <summary>An invoice finalized and pushed (customer and location created first); returns once it is synced.</summary>
    public static async Task<Pushed> PushedInvoiceAsync(this PushOwner owner)
    {
        var (jobId, locationId, customerId, _, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Framing", 1, 100m, false, null, null));
        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());
        return new Pushed(invoice.Id(), customerId, locationId, sync.GetProperty("qboId").GetString()!);
    }

    /// <summary>An invoice whose customer has a colon in its name: pre-flight refuses the push before QuickBooks sees it.</summary>
    public static async Task<long> RefusedInvoiceAsync(this PushOwner owner)
    {
        var (jobId, _, _, _, _) = await owner.Api.JobAsync(customer: $"Acme: {Guid.NewGuid():N}"[..16]);
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Framing", 1, 100m, false, null, null));
        await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");
        return invoice.Id();
    }

    /// <summary>Writes a log line straight into the organization's log, as the journal would.</summary>
    public static Task<long> AddLogLineAsync(this GroundworkAppFactory app, TestUser user, string message, string? requestId = null,
        SyncResult result = SyncResult.Failed, LinkedKind kind = LinkedKind.Invoice, long localId = 1) =>
        app.WithDbAsync(user, async db =>
        {
            var entry = new QboSyncLogEntry
            {
                AtUtc = DateTime.SpecifyKind(new DateTime(2026, 1, 2, 3, 4, 5), DateTimeKind.Utc), Kind = kind, LocalId = localId, Reference = "INV-T",
                Trigger = user.Email, Operation = "create", Entity = "Invoice", RequestId = requestId, Result = result, Code = "6000", Message = message,
            };
            db.QboSyncLog.Add(entry);
            await db.SaveChangesAsync();
            return entry.Id;
        });

    public static List<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

    public static string? Text(this JsonElement row, string property) => row.GetProperty(property).GetString();

    /// <summary>Every record of a CSV text, the header first, each field decoded (quotes removed).</summary>
    public static List<string[]> ReadCsv(string text)
    {
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = false, Separator = ',' });
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }
        return records;
    }
}
