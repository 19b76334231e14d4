using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Reconciliation;

/// <summary>The app with a report cap of 2 records a side (QuickBooks:Reconciliation:MaxRecords; 20,000 by default).</summary>
public sealed class SmallReconciliationCapAppFactory : InboundAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("QuickBooks:Reconciliation:MaxRecords", "2");
    }
}

/// <summary>A month bigger than one report reads is refused with the reason, never half-read and never a 500.</summary>
[Trait("Category", "Database")]
public sealed class ReconciliationCapTests(SmallReconciliationCapAppFactory app) : IClassFixture<SmallReconciliationCapAppFactory>
{
    [Fact]
    public async Task Reconciliation_MonthOverTheCapOnEitherSide_IsA400SayingSoAndASmallerMonthIsRead()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var first = await owner.PushedInvoiceAsync(jobId, 10m);
        await owner.PushedInvoiceAsync(jobId, 20m);
        var customer = (await owner.Qbo.ReadAsync<QboInvoice>(first.QboId)).CustomerRef!.Value;
        await owner.Api.InvoiceOnAsync(jobId, 30m);
        for (var i = 0; i < 3; i++)
        {
            await owner.Qbo.CreateAsync(new QboInvoice
            {
                CustomerRef = new QboRef(customer), TxnDate = new DateOnly(2025, 8, 3 + i),
                Line = [new QboLine { Amount = 5m, DetailType = "SalesItemLineDetail", SalesItemLineDetail = new QboSalesItemLineDetail { ItemRef = new QboRef(owner.DefaultItemId), Qty = 1, UnitPrice = 5m } }],
            });
        }
        await owner.Qbo.CreateAsync(new QboInvoice
        {
            CustomerRef = new QboRef(customer), TxnDate = new DateOnly(2025, 9, 3),
            Line = [new QboLine { Amount = 7m, DetailType = "SalesItemLineDetail", SalesItemLineDetail = new QboSalesItemLineDetail { ItemRef = new QboRef(owner.DefaultItemId), Qty = 1, UnitPrice = 7m } }],
        });

        var ours = await (await owner.Api.GetAsync($"{ReconciliationTestData.Url}?month=2025-06")).AssertInvalidAsync("month");
        var theirs = await (await owner.Api.GetAsync($"{ReconciliationTestData.CsvUrl}?month=2025-08")).AssertInvalidAsync("month");
        var small = await owner.Api.ReportAsync("2025-09");

        Assert.Contains("more than 2 documents and payments in Groundwork", ours[0]);
        Assert.Contains("Choose a job", ours[0]);
        Assert.Contains("more than 2 documents and payments in QuickBooks", theirs[0]);
        Assert.Equal((1, 700L), small.Summary("invoices").Side("quickBooks"));
    }
}
