using System.Net;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Api;

public sealed class RoundTripTests
{
    /// <summary>Whatever the emulator answers must be accepted back as a full update (no 2010 for its own fields).</summary>
    [Theory]
    [InlineData("Customer")]
    [InlineData("Vendor")]
    [InlineData("Employee")]
    [InlineData("Item")]
    [InlineData("Class")]
    [InlineData("Account")]
    [InlineData("Term")]
    [InlineData("Invoice")]
    [InlineData("Bill")]
    [InlineData("Payment")]
    [InlineData("CreditMemo")]
    public async Task EveryRecordAsRead_PostedBackAsFullUpdate_Accepted(string entity)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        await api.PostAsync("creditmemo", """{"CustomerRef":{"value":"1"},"Line":[{"Amount":5,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""");
        var where = entity is "Invoice" or "Bill" or "Payment" or "CreditMemo" ? "" : " where Active IN (true, false)";
        var records = (await api.QueryAsync($"select * from {entity}{where}")).Json["QueryResponse"]![entity]!.AsArray();

        var statuses = new List<(string Id, HttpStatusCode Status, string? Code)>();
        foreach (var record in records.OfType<JsonObject>())
        {
            var answer = await api.PostAsync(entity.ToLowerInvariant(), record);
            statuses.Add(((string)record["Id"]!, answer.Status, answer.FaultCode));
        }

        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.True(s.Status == HttpStatusCode.OK, $"{entity} {s.Id}: {s.Status} {s.Code}"));
    }
}
