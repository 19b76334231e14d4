using System.Net;
using System.Text;
using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Wire;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QuickBooks.Tests.Http;

/// <summary>Answers are read as UTF-8 bytes and parsed from them; what a string read gave (a BOM dropped, the text of a fault) stays so.</summary>
public sealed class QboTransportTests
{
    private static readonly QboCompanyContext Company = new("9130", "access-token-1");

    private static async Task<(LoopbackServer Server, ClientHarness Harness)> AnsweringAsync(int status, byte[] body)
    {
        var server = await LoopbackServer.StartAsync(async (_, _, response) =>
        {
            response.StatusCode = status;
            response.ContentType = "application/json;charset=UTF-8";
            response.Headers["intuit_tid"] = "tid-transport";
            await response.Body.WriteAsync(body);
        });
        return (server, new ClientHarness(server.BaseUrl));
    }

    private static byte[] WithBom(string json) => [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(json)];

    [Fact]
    public async Task Answer_WithAByteOrderMark_IsParsed()
    {
        var (server, harness) = await AnsweringAsync(200, WithBom("""{"Invoice":{"Id":"266","SyncToken":"3","TotalAmt":12.5,"DocNumber":"Ré-1"},"time":"2026-03-01T12:00:00.000-08:00"}"""));
        await using var _ = server;
        using var __ = harness;

        var result = await harness.Client.ReadAsync<QboInvoice>(Company, "266", CancellationToken.None);

        Assert.Equal("266", result.Value.Id);
        Assert.Equal("3", result.Value.SyncToken);
        Assert.Equal(12.5m, result.Value.TotalAmt);
        Assert.Equal("Ré-1", result.Value.DocNumber);
        Assert.Equal("tid-transport", result.IntuitTid);
    }

    [Fact]
    public async Task Fault_WithAByteOrderMark_KeepsQboCodeAndTid()
    {
        var (server, harness) = await AnsweringAsync(400, WithBom(
            """{"Fault":{"Error":[{"Message":"Duplicate Name Exists Error","Detail":"The name supplied already exists. : Id=58","code":"6240"}],"type":"ValidationFault"},"time":"2026-03-01T12:00:00.000-08:00"}"""));
        await using var _ = server;
        using var __ = harness;

        var error = await Assert.ThrowsAsync<QboException>(() => harness.Client.ReadAsync<QboInvoice>(Company, "266", CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("6240", error.Fault.Code);
        Assert.Equal("tid-transport", error.Fault.IntuitTid);
    }

    [Fact]
    public async Task Success_ThatIsNotJson_IsAFaultWithTheText()
    {
        var (server, harness) = await AnsweringAsync(200, Encoding.UTF8.GetBytes("<html>maintenance</html>"));
        await using var _ = server;
        using var __ = harness;

        var error = await Assert.ThrowsAsync<QboException>(() => harness.Client.ReadAsync<QboInvoice>(Company, "266", CancellationToken.None));

        Assert.Equal("QuickBooks sent a body that is not QBO JSON.", error.Fault.Message);
        Assert.Equal("<html>maintenance</html>", error.Fault.Detail);
    }
}
