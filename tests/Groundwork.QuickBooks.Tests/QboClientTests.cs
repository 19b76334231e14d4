using System.Text.Json;
using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks.Tests;

/// <summary>QboClient reads and writes over real HTTP against a loopback server replaying recorded QBO answers.</summary>
public sealed class QboClientTests : IAsyncLifetime
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
    public async Task DeleteAsync_RequestIdLongerThan50_IsRejectedBeforeAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _harness.Client.DeleteAsync<QboInvoice>(Company, "266", "0", new string('r', 51), CancellationToken.None));

        Assert.Empty(_server.Requests);
    }
}
