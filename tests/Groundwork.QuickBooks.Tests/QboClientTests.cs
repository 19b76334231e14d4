using System.Text.Json;
using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Wire;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QuickBooks.Tests;

/// <summary>QboClient over real HTTP against a loopback server replaying recorded QBO answers.</summary>
public sealed class QboClientTests : IAsyncLifetime
{
    private static readonly QboCompanyContext Company = new("9130", "access-token-1");
    private LoopbackServer _server = null!;
    private ClientHarness _harness = null!;

    public async Task InitializeAsync()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        _server = await LoopbackServer.StartAsync(AnswerAsync);
        _harness = new ClientHarness(_server.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _harness.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_Invoice_SendsBearerAndMinorVersionAndParsesTheRecordedInvoice()
    {
        var result = await _harness.Client.ReadAsync<QboInvoice>(Company, "266", CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/qbo/v3/company/9130/invoice/266", request.Path);
        Assert.Equal("75", request.Query["minorversion"]);
        Assert.False(request.Query.ContainsKey("requestid"));
        Assert.Equal("Bearer access-token-1", request.Headers.Authorization);
        Assert.Equal("266", result.Value.Id);
        Assert.Equal("Amy's Bird Sanctuary", result.Value.CustomerRef?.Name);
        Assert.Equal(100m, result.Value.Balance);
        Assert.Equal("1-5f732f5f-25dcb83b777d318c396aaf06", result.IntuitTid);
    }

    [Fact]
    public async Task CreateAsync_Customer_PostsBodyWithoutNullsAndTheCallersRequestId()
    {
        var customer = new QboCustomer { DisplayName = "Dukes Basketball Camp", PrimaryEmailAddr = new() { Address = "d@x.test" } };

        var result = await _harness.Client.CreateAsync(Company, customer, "gw-17-1-create", CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/qbo/v3/company/9130/customer"), (request.Method, request.Path));
        Assert.Equal("gw-17-1-create", request.Query["requestid"]);
        Assert.Equal("75", request.Query["minorversion"]);
        Assert.Equal("""{"DisplayName":"Dukes Basketball Camp","PrimaryEmailAddr":{"Address":"d@x.test"}}""", request.Body);
        Assert.Equal("5", result.Value.Id);
    }

    [Fact]
    public async Task SparseUpdateAsync_Customer_SendsSparseTrueWithIdAndSyncToken()
    {
        var change = new QboCustomer { Id = "5", SyncToken = "1", DisplayName = "Renamed" };

        await _harness.Client.SparseUpdateAsync(Company, change, "gw-17-1-update", CancellationToken.None);

        var body = JsonDocument.Parse(Assert.Single(_server.Requests).Body).RootElement;
        Assert.True(body.GetProperty("sparse").GetBoolean());
        Assert.Equal("1", body.GetProperty("SyncToken").GetString());
        Assert.Equal(["DisplayName", "Id", "SyncToken", "sparse"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpdateAsync_EntityWithoutSyncToken_IsRejectedBeforeAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.Client.UpdateAsync(Company, new QboCustomer { Id = "5" }, "gw-1", CancellationToken.None));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task CreateAsync_RequestIdLongerThan50_IsRejectedBeforeAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.Client.CreateAsync(Company, new QboCustomer { DisplayName = "x" }, new string('r', 51), CancellationToken.None));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task DeleteAsync_Invoice_PostsOperationDeleteAndReturnsDeletedStatus()
    {
        var result = await _harness.Client.DeleteAsync<QboInvoice>(Company, "266", "0", "gw-266-1-delete", CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("delete", request.Query["operation"]);
        Assert.Equal("""{"Id":"266","SyncToken":"0"}""", request.Body);
        Assert.Equal("Deleted", result.Value.Status);
    }

    [Fact]
    public async Task VoidAsync_Invoice_PostsOperationVoid()
    {
        var result = await _harness.Client.VoidAsync<QboInvoice>(Company, "264", "1", "gw-264-1-void", CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("void", request.Query["operation"]);
        Assert.Equal("Voided", result.Value.PrivateNote);
        Assert.Equal(0m, result.Value.TotalAmt);
    }

    [Fact]
    public async Task VoidAsync_Payment_SendsSparseUpdateWithIncludeVoid()
    {
        await Assert.ThrowsAsync<QboException>(() =>
            _harness.Client.VoidAsync<QboPayment>(Company, "80", "2", "gw-80-1-void", CancellationToken.None));

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/qbo/v3/company/9130/payment", request.Path);
        Assert.Equal(("update", "void"), (request.Query["operation"].ToString(), request.Query["include"].ToString()));
        Assert.True(JsonDocument.Parse(request.Body).RootElement.GetProperty("sparse").GetBoolean());
    }

    [Fact]
    public async Task VoidAsync_Bill_IsNotSupportedByQbo()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            _harness.Client.VoidAsync<QboBill>(Company, "1", "0", "gw-1", CancellationToken.None));
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
            _server.Requests.Select(r => StartPosition(r.Query["query"].ToString())));
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

    private static string StartPosition(string query) => query.Split("STARTPOSITION ")[1].Split(' ')[0];

    private static Task AnswerAsync(ReceivedRequest request, int count, HttpResponse response)
    {
        var query = request.Query["query"].ToString();
        return (request.Method, request.Path.Replace("/qbo/v3/company/9130/", "", StringComparison.Ordinal)) switch
        {
            ("GET", "invoice/266") => RecordedQboServer.ReplayAsync(response, "create__invoice__0.json"),
            ("POST", "customer") => RecordedQboServer.ReplayAsync(response, "get__id__0.json"),
            ("POST", "invoice") when request.Query["operation"] == "delete" => RecordedQboServer.ReplayAsync(response, "delete__invoice__1.json"),
            ("POST", "invoice") when request.Query["operation"] == "void" => RecordedQboServer.ReplayAsync(response, "void__invoice__1.json"),
            ("GET", "query") when query.StartsWith("SELECT COUNT(*)", StringComparison.Ordinal) => RecordedQboServer.ReplayAsync(response, "all__vendors_by_5__0.json"),
            ("GET", "query") when query.Contains("Active IN", StringComparison.Ordinal) => RecordedQboServer.ReplayAsync(response, "get__inactive_vendors__0.json"),
            ("GET", "query") => RecordedQboServer.ReplayAsync(response, $"all__vendors_by_5__{(int.Parse(StartPosition(query), System.Globalization.CultureInfo.InvariantCulture) + 4) / 5}.json"),
            ("GET", "cdc") => RecordedQboServer.ReplayAsync(response, "cdc__basic__0.json"),
            ("POST", "batch") => RecordedQboServer.ReplayAsync(response, "batch__basic__0.json"),
            _ => RecordedQboServer.ReplayBodyAsync(response, 400, "item_read_item_error.json"),
        };
    }
}
