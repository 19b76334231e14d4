using System.Net;
using System.Net.Http.Json;
using System.Text;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Api;

public sealed class RobustnessTests
{
    [Fact]
    public async Task HugeBody_FaultNot500()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxRequestBodyBytes = 10_000);
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("customer", $$"""{"DisplayName":"Big","Notes":"{{new string('x', 20_000)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("2010", answer.FaultCode);
    }

    [Fact]
    public async Task InvalidUtf8Body_UnsupportedOperationFault500Code()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"DisplayName":"Caf""").Concat(new byte[] { 0xE9 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var answer = await api.SendAsync(HttpMethod.Post, "customer", content);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("500", answer.FaultCode);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("{\"Line\":\"not an array\",\"CustomerRef\":{\"value\":\"1\"}}")]
    [InlineData("{\"CustomerRef\":{\"value\":\"1\"},\"Line\":[{\"Amount\":\"abc\",\"DetailType\":\"SalesItemLineDetail\"}]}")]
    [InlineData("{\"CustomerRef\":{\"value\":\"1\"},\"Line\":[5]}")]
    public async Task WrongShapes_ValidationFaultNever500(string body)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("invoice", body);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ValidationFault", (string?)answer.Json["Fault"]!["type"]);
    }

    [Theory]
    [InlineData("{\"CustomerRef\":{\"value\":\"1\"},\"Line\":[{\"Amount\":10,\"DetailType\":\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"},\"Quantity\":1}}]}", "Quantity")]
    [InlineData("{\"CustomerRef\":{\"value\":\"1\"},\"Line\":[{\"Amount\":10,\"Memo\":\"x\",\"DetailType\":\"SalesItemLineDetail\",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"}}}]}", "Memo")]
    public async Task UnknownPropertyInsideALine_Fault2010NamingIt(string body, string property)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("invoice", body);

        Assert.Equal("2010", answer.FaultCode);
        Assert.Contains($"\"{property}\"", (string?)answer.Json["Fault"]!["Error"]![0]!["Detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentRequests_EleventhInFlight_429()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        using var slow = new StringContent("""{"latencyMs":5000}""", Encoding.UTF8, "application/json");
        (await emulator.Client.PutAsync($"/qbo/admin/api/faults/{TestEmulator.UsRealm}", slow)).EnsureSuccessStatusCode();

        var inFlight = Enumerable.Range(0, 10).Select(_ => api.GetAsync("customer/1")).ToList();
        for (var i = 0; i < 250 && await InFlightAsync(emulator) < 10; i++)
        {
            await Task.Delay(20);
        }

        var eleventh = await api.GetAsync("customer/1");
        emulator.Time.Advance(TimeSpan.FromSeconds(5));
        var done = await Task.WhenAll(inFlight);

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.Status);
        Assert.Equal("3001", eleventh.FaultCode);
        Assert.All(done, a => Assert.Equal(HttpStatusCode.OK, a.Status));
    }

    private static async Task<int> InFlightAsync(TestEmulator emulator)
    {
        var counters = await emulator.Client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/qbo/admin/api/counters");
        return (int?)counters!.FirstOrDefault(c => (string?)c!["realmId"] == TestEmulator.UsRealm)?["inFlight"] ?? 0;
    }

    [Fact]
    public async Task RenameParentCustomer_SubCustomerFullyQualifiedNameFollows()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var parent = (await api.GetAsync("customer/4")).Json["Customer"]!;

        await api.PostAsync("customer", $$"""{"Id":"4","SyncToken":"{{parent["SyncToken"]}}","sparse":true,"DisplayName":"Freeman Sports"}""");
        var job = (await api.QueryAsync("select * from Customer where ParentRef = '4'")).Json["QueryResponse"]!["Customer"]![0]!;

        Assert.Equal("Freeman Sports:0969 Ocean View Road", (string?)job["FullyQualifiedName"]);
        Assert.Equal("Freeman Sports", (string?)job["ParentRef"]!["name"]);
    }

    [Fact]
    public async Task DeactivateParentWithActiveJob_BusinessFault()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var parent = (await api.GetAsync("customer/4")).Json["Customer"]!;

        var answer = await api.PostAsync("customer", $$"""{"Id":"4","SyncToken":"{{parent["SyncToken"]}}","sparse":true,"Active":false}""");

        Assert.Equal("6000", answer.FaultCode);
    }
}
