using System.Text.Json;
using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks.Tests;

/// <summary>QboClient queries, paging, CDC and batch against a loopback server replaying recorded QBO answers.</summary>
public sealed class QboClientQueryTests : IAsyncLifetime
{
    private static readonly QboCompanyContext Company = RecordedQboCompany.Company;
    private LoopbackServer _server = null!;
    private ClientHarness _harness = null!;

    public async Task InitializeAsync()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        _server = await LoopbackServer.StartAsync(RecordedQboCompany.AnswerAsync);
        _harness = new ClientHarness(_server.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _harness.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task QueryAllAsync_VendorsByFive_FollowsStartPositionUntilAShortPage()
    {
        var vendors = new List<QboVendor>();
        await foreach (var vendor in _harness.Client.QueryAllAsync<QboVendor>(Company, QboQuery.From("Vendor"), pageSize: 5))
        {
            vendors.Add(vendor);
        }

        Assert.Equal(26, vendors.Count);
        Assert.Equal(26, vendors.Select(v => v.Id).Distinct().Count());
        Assert.Equal(
            ["1", "6", "11", "16", "21", "26"],
            _server.Requests.Select(r => RecordedQboCompany.StartPosition(r.Query["query"].ToString())));
        Assert.All(_server.Requests, r => Assert.EndsWith("MAXRESULTS 5", r.Query["query"].ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CountAsync_VendorCount_ReturnsTotalCount()
    {
        var count = await _harness.Client.CountAsync(Company, QboQuery.Count("Vendor"), CancellationToken.None);

        Assert.Equal(26, count);
        Assert.Equal("SELECT COUNT(*) FROM Vendor", Assert.Single(_server.Requests).Query["query"]);
    }

    [Fact]
    public async Task QueryAsync_InactiveIncluded_SendsActiveInTrueFalse()
    {
        var page = await _harness.Client.QueryAsync<QboVendor>(Company, QboQuery.From("Vendor").IncludeInactive(), CancellationToken.None);

        Assert.Equal("SELECT * FROM Vendor WHERE Active IN (true, false)", Assert.Single(_server.Requests).Query["query"]);
        Assert.Contains(page.Items, v => v.Active == false);
    }

    [Fact]
    public async Task QueryAsync_QueryForAnotherEntity_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.Client.QueryAsync<QboVendor>(Company, QboQuery.From("Customer"), CancellationToken.None));
    }

    [Fact]
    public async Task ChangeDataCaptureAsync_Estimates_SendsEntitiesAndChangedSinceAndReturnsTheChanges()
    {
        var since = new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.FromHours(-7));

        var result = await _harness.Client.ChangeDataCaptureAsync(Company, ["Estimate", "Invoice"], since, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/qbo/v3/company/9130/cdc", request.Path);
        Assert.Equal("Estimate,Invoice", request.Query["entities"]);
        Assert.Equal("2026-02-20T09:00:00-07:00", request.Query["changedSince"]);
        var estimates = Assert.Single(Assert.Single(result.Value).QueryResponse!).AdditionalProperties!["Estimate"];
        Assert.True(estimates.GetArrayLength() > 0);
    }

    [Fact]
    public async Task BatchAsync_MixedItems_SendsBatchBodyAndKeepsPerItemFaults()
    {
        QboBatchItemRequest[] items =
        [
            QboBatchItemRequest.For("bid1", QboBatchOperation.Create, new QboVendor { DisplayName = "Boraski Family Store" }),
            QboBatchItemRequest.For("bid2", QboBatchOperation.Delete, new QboInvoice { Id = "129", SyncToken = "0" }),
            QboBatchItemRequest.ForQuery("bid4", QboQuery.From("SalesReceipt").Where("TotalAmt", QboOperator.GreaterThan, 300m)),
        ];

        var result = await _harness.Client.BatchAsync(Company, items, "gw-batch-1", CancellationToken.None);

        var sent = JsonDocument.Parse(Assert.Single(_server.Requests).Body).RootElement.GetProperty("BatchItemRequest");
        Assert.Equal("create", sent[0].GetProperty("operation").GetString());
        Assert.Equal("Boraski Family Store", sent[0].GetProperty("Vendor").GetProperty("DisplayName").GetString());
        Assert.Equal("129", sent[1].GetProperty("Invoice").GetProperty("Id").GetString());
        Assert.Equal("SELECT * FROM SalesReceipt WHERE TotalAmt > '300'", sent[2].GetProperty("Query").GetString());
        Assert.Equal("71", result.Value.Single(r => r.BatchId == "bid1").Get<QboVendor>()?.Id);
        Assert.Equal("610", result.Value.Single(r => r.BatchId == "bid2").Fault?.Error?[0].Code);
        Assert.Equal("5010", result.Value.Single(r => r.BatchId == "bid3").Fault?.Error?[0].Code);
        Assert.NotEmpty(result.Value.Single(r => r.BatchId == "bid4").QueryResponse!.Get<QboSalesReceipt>());
    }

    [Fact]
    public async Task BatchAsync_ThirtyOneItems_IsRejectedBeforeAnyRequest()
    {
        var items = Enumerable.Range(0, 31).Select(i => QboBatchItemRequest.ForQuery($"b{i}", QboQuery.From("Item"))).ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => _harness.Client.BatchAsync(Company, items, "gw-b", CancellationToken.None));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task BatchAsync_RequestIdLongerThan36_IsRejectedBeforeAnyRequest()
    {
        QboBatchItemRequest[] items = [QboBatchItemRequest.ForQuery("b1", QboQuery.From("Item"))];

        await Assert.ThrowsAsync<ArgumentException>(() => _harness.Client.BatchAsync(Company, items, new string('r', 37), CancellationToken.None));
        Assert.Empty(_server.Requests);
    }
}
