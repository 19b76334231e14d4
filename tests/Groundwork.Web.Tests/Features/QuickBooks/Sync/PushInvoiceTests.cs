using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Finalizing an invoice while connected pushes it, through the real HTTP path to the emulator.</summary>
[Trait("Category", "Database")]
public sealed class PushInvoiceTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task FinalizeInvoice_WhileConnected_CreatesCustomerSubCustomerAndInvoiceInQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, customer, location) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Framing", 2, 150.25m, false, null, null), ("Trim", 1.5m, 40m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id());

        var qboInvoice = await owner.Qbo.Client.ReadAsync<QboInvoice>(owner.Qbo.Company, sync.GetProperty("qboId").GetString()!, default);
        Assert.Equal(360.50m, qboInvoice.Value.TotalAmt);
        Assert.Contains($"[groundwork:invoice:{invoice.Id()}]", qboInvoice.Value.PrivateNote);
        var lines = qboInvoice.Value.Line!.Where(l => l.DetailType == "SalesItemLineDetail").ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(owner.DefaultItemId, l.SalesItemLineDetail!.ItemRef!.Value));
        Assert.Equal(2, lines[0].SalesItemLineDetail!.Qty);
        var sub = await owner.Qbo.Client.ReadAsync<QboCustomer>(owner.Qbo.Company, qboInvoice.Value.CustomerRef!.Value, default);
        Assert.Equal(location, sub.Value.DisplayName);
        Assert.True(sub.Value.Job);
        var parent = await owner.Qbo.Client.ReadAsync<QboCustomer>(owner.Qbo.Company, sub.Value.ParentRef!.Value, default);
        Assert.Equal(customer, parent.Value.DisplayName);
    }
}
