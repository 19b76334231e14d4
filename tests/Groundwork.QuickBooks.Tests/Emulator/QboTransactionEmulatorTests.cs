using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks.Tests.Emulator;

/// <summary>Invoices, bills and payments written with the wire types and read back from the emulator.</summary>
public sealed class QboTransactionEmulatorTests : IAsyncLifetime
{
    private EmulatorHost _emulator = null!;
    private QboCompanyContext _company = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync();
        (_company, _) = await _emulator.ConnectAsync();
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task Invoice_PaidInPart_ShowsBalanceAndPaymentLink()
    {
        var customer = await FirstAsync<QboCustomer>(QboQuery.From("Customer").WhereEquals("Active", true));
        var item = await FirstAsync<QboItem>(QboQuery.From("Item").WhereEquals("Type", "Service"));
        var invoice = await CreateInvoiceAsync(customer, item, qty: 8, unitPrice: 150m);

        var payment = await _emulator.Client.CreateAsync(_company, new QboPayment
        {
            CustomerRef = new QboRef(customer.Id!),
            TotalAmt = 200m,
            Line = [new QboLine { Amount = 200m, LinkedTxn = [new QboLinkedTxn { TxnId = invoice.Id, TxnType = "Invoice" }] }],
        }, "gw-pay-1-create", CancellationToken.None);
        var reread = await _emulator.Client.ReadAsync<QboInvoice>(_company, invoice.Id!, CancellationToken.None);

        Assert.Equal(1200m, invoice.TotalAmt);
        Assert.Equal(1200m, invoice.Balance);
        Assert.Equal(1000m, reread.Value.Balance);
        Assert.Contains(reread.Value.LinkedTxn ?? [], l => l.TxnType == "Payment" && l.TxnId == payment.Value.Id);
    }

    [Fact]
    public async Task Invoice_Voided_IsZeroedAndDeletedBillIsGone()
    {
        var customer = await FirstAsync<QboCustomer>(QboQuery.From("Customer").WhereEquals("Active", true));
        var item = await FirstAsync<QboItem>(QboQuery.From("Item").WhereEquals("Type", "Service"));
        var invoice = await CreateInvoiceAsync(customer, item, qty: 2, unitPrice: 50m);
        var bill = await CreateBillAsync(item);

        var voided = await _emulator.Client.VoidAsync<QboInvoice>(_company, invoice.Id!, invoice.SyncToken!, "gw-inv-2-void", CancellationToken.None);
        var deleted = await _emulator.Client.DeleteAsync<QboBill>(_company, bill.Id!, bill.SyncToken!, "gw-bill-1-delete", CancellationToken.None);
        var missing = await Assert.ThrowsAsync<QboException>(() => _emulator.Client.ReadAsync<QboBill>(_company, bill.Id!, CancellationToken.None));

        Assert.Equal(0m, voided.Value.TotalAmt);
        Assert.Equal(0m, voided.Value.Balance);
        Assert.Equal("Deleted", deleted.Value.Status);
        Assert.Equal("610", missing.Fault.Code);
    }

    [Fact]
    public async Task ChangeDataCapture_AfterCreatingABill_ReportsIt()
    {
        var since = _emulator.Harness.Time.GetUtcNow().AddDays(-1);
        var item = await FirstAsync<QboItem>(QboQuery.From("Item").WhereEquals("Type", "Service"));
        var bill = await CreateBillAsync(item);

        var changes = await _emulator.Client.ChangeDataCaptureAsync(_company, ["Bill", "Invoice"], since, CancellationToken.None);

        Assert.Contains(changes.Value.SelectMany(c => c.Get<QboBill>()), b => b.Id == bill.Id);
    }

    [Fact]
    public async Task Batch_CreateAndStaleUpdate_SucceedsAndFaultsPerItem()
    {
        var vendor = await FirstAsync<QboVendor>(QboQuery.From("Vendor"));
        QboBatchItemRequest[] items =
        [
            QboBatchItemRequest.For("b1", QboBatchOperation.Create, new QboClass { Name = "Batch Labor" }),
            QboBatchItemRequest.For("b2", QboBatchOperation.Update, vendor with { SyncToken = "99", Sparse = true, AdditionalProperties = null }),
            QboBatchItemRequest.ForQuery("b3", QboQuery.From("Vendor").WhereEquals("Id", vendor.Id!)),
        ];

        var result = await _emulator.Client.BatchAsync(_company, items, "gw-batch-1", CancellationToken.None);

        Assert.Equal("Batch Labor", result.Value.Single(r => r.BatchId == "b1").Get<QboClass>()?.Name);
        Assert.Equal(QboFault.StaleObjectCode, result.Value.Single(r => r.BatchId == "b2").Fault?.Error?[0].Code);
        Assert.Equal(vendor.Id, Assert.Single(result.Value.Single(r => r.BatchId == "b3").QueryResponse!.Get<QboVendor>()).Id);
    }

    private async Task<QboInvoice> CreateInvoiceAsync(QboCustomer customer, QboItem item, decimal qty, decimal unitPrice)
    {
        var invoice = new QboInvoice
        {
            CustomerRef = new QboRef(customer.Id!),
            TxnDate = new DateOnly(2026, 3, 2),
            PrivateNote = "Groundwork test",
            Line =
            [
                new QboLine
                {
                    Amount = qty * unitPrice,
                    DetailType = "SalesItemLineDetail",
                    SalesItemLineDetail = new() { ItemRef = new QboRef(item.Id!), Qty = qty, UnitPrice = unitPrice, TaxCodeRef = new QboRef("NON") },
                },
            ],
        };
        return (await _emulator.Client.CreateAsync(_company, invoice, $"gw-inv-{qty}-create", CancellationToken.None)).Value;
    }

    private async Task<QboBill> CreateBillAsync(QboItem item)
    {
        var vendor = await FirstAsync<QboVendor>(QboQuery.From("Vendor"));
        var bill = new QboBill
        {
            VendorRef = new QboRef(vendor.Id!),
            TxnDate = new DateOnly(2026, 3, 2),
            Line =
            [
                new QboLine
                {
                    Amount = 300m,
                    DetailType = "ItemBasedExpenseLineDetail",
                    ItemBasedExpenseLineDetail = new() { ItemRef = new QboRef(item.Id!), Qty = 3, UnitPrice = 100m },
                },
            ],
        };
        return (await _emulator.Client.CreateAsync(_company, bill, "gw-bill-1-create", CancellationToken.None)).Value;
    }

    private async Task<T> FirstAsync<T>(QboQuery query)
        where T : QboEntity, IQboEntity<T> =>
        (await _emulator.Client.QueryAsync<T>(_company, query.MaxResults(1), CancellationToken.None)).Items
            .FirstOrDefault() ?? throw new InvalidOperationException($"The seeded company has no {T.EntityName} for {query}.");
}
