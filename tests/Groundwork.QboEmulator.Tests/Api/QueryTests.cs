using System.Net;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Api;

public sealed class QueryTests
{
    [Fact]
    public async Task Query_KeywordsAndEntityInAnyCase_ReturnsQueryResponseWithPaging()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.QueryAsync("SeLeCt * fRoM customer WHERE Active = true ORDERBY DisplayName DESC STARTPOSITION 2 MAXRESULTS 3");

        var response = answer.Json["QueryResponse"]!;
        Assert.Equal(3, response["Customer"]!.AsArray().Count);
        Assert.Equal(2, (int)response["startPosition"]!);
        Assert.Equal(3, (int)response["maxResults"]!);
        Assert.Equal("Cool Cars", (string?)response["Customer"]![2]!["DisplayName"]);
    }

    [Fact]
    public async Task Query_CountStar_ReturnsTotalCountExcludingInactive()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var active = await api.QueryAsync("SELECT COUNT(*) FROM Customer");
        var all = await api.QueryAsync("SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)");

        Assert.Equal(7, (int)active.Json["QueryResponse"]!["totalCount"]!);
        Assert.Equal(8, (int)all.Json["QueryResponse"]!["totalCount"]!);
    }

    [Theory]
    [InlineData("select Id, DisplayName from Customer where Id = '1'")]
    [InlineData("SELECT DisplayName FROM Customer WHERE Id = '1'")]
    [InlineData("select Id,DisplayName,MetaData.LastUpdatedTime from Customer where Id = '1'")]
    public async Task Query_PropertyList_AcceptedAndFullEntitiesReturned(string query)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.QueryAsync(query);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var customer = answer.Json["QueryResponse"]!["Customer"]![0]!;
        Assert.Equal("Amy's Bird Sanctuary", (string?)customer["DisplayName"]);
        Assert.NotNull(customer["SyncToken"]);
        Assert.NotNull(customer["MetaData"]);
        Assert.NotNull(customer["Balance"]);
    }

    [Theory]
    [InlineData("select Id, from Customer")]
    [InlineData("select Id DisplayName from Customer")]
    [InlineData("select , Id from Customer")]
    [InlineData("select Id, * from Customer")]
    public async Task Query_MalformedPropertyList_4000(string query)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.QueryAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("4000", answer.FaultCode);
    }

    [Fact]
    public async Task Query_EscapedQuoteAndAmpersand_MatchExactName()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var quote = await api.QueryAsync("SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s Bird Sanctuary'");
        var ampersand = await api.QueryAsync("SELECT * FROM Vendor WHERE DisplayName = 'Robertson & Associates'");

        Assert.Equal("1", (string?)quote.Json["QueryResponse"]!["Customer"]![0]!["Id"]);
        Assert.Single(ampersand.Json["QueryResponse"]!["Vendor"]!.AsArray());
    }

    [Fact]
    public async Task Query_LikeInAndComparisons_Filter()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var like = await api.QueryAsync("select * from Item where Name LIKE '%ate%'");
        var inIds = await api.QueryAsync("select * from Customer where Id IN ('1', '3', '99')");
        var balance = await api.QueryAsync("select * from Invoice where Balance > '0' and TotalAmt >= '1000'");

        Assert.Equal(["Materials"], like.Json["QueryResponse"]!["Item"]!.AsArray().Select(i => (string)i!["Name"]!));
        Assert.Equal(2, inIds.Json["QueryResponse"]!["Customer"]!.AsArray().Count);
        Assert.Equal("1001", (string?)balance.Json["QueryResponse"]!["Invoice"]![0]!["DocNumber"]);
    }

    [Fact]
    public async Task Query_PathologicalLikePattern_AnswersQuickly()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        await api.PostAsync("customer", new System.Text.Json.Nodes.JsonObject { ["DisplayName"] = new string('a', 400) });

        var answer = await api.QueryAsync($"select * from Customer where DisplayName LIKE '{string.Concat(Enumerable.Repeat("%a", 40))}%b'");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Empty(answer.Json["QueryResponse"]!.AsObject());
    }

    [Fact]
    public async Task Query_NoMatches_EmptyQueryResponse()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.QueryAsync("select * from Customer where DisplayName = 'Nobody'");

        Assert.Empty(answer.Json["QueryResponse"]!.AsObject());
    }

    [Theory]
    [InlineData("SELECT * FROM Custmoer", "4001")]
    [InlineData("SELECT * FROM Customer STARTPOSITION 0", "4001")]
    [InlineData("SELECT * FROM Customer MAXRESULTS 1001", "4001")]
    [InlineData("SELECT * FROM Customer WHERE Nonsense = '1'", "4001")]
    [InlineData("SELECT * FROM Invoice WHERE PrivateNote LIKE '%gw-%'", "4001")]
    [InlineData("SELECT * FROM Invoice WHERE Line = '1'", "4001")]
    [InlineData("SELECT FROM Customer", "4000")]
    [InlineData("SELECT * FROM Customer WHERE DisplayName = 'A' OR Id = '1'", "4000")]
    [InlineData("SELECT * FROM Customer WHERE DisplayName = 'unterminated", "4000")]
    [InlineData("SELECT * FROM Customer WHERE DisplayName = 'Smith – Jones'", "4000")]
    public async Task Query_Invalid_ParserOrValidationFault(string query, string code)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.QueryAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(code, answer.FaultCode);
    }

    [Fact]
    public async Task Query_PostedAsText_SameAsGet()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("query", "select * from Class", "application/text");

        Assert.Equal(5, answer.Json["QueryResponse"]!["Class"]!.AsArray().Count);
    }

    [Fact]
    public async Task Query_MetaDataLastUpdatedTime_ComparesAsInstants()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        emulator.Time.Advance(TimeSpan.FromMinutes(30));
        await api.PostAsync("customer", """{"DisplayName":"Later Co"}""");

        var answer = await api.QueryAsync("select * from Customer where MetaData.LastUpdatedTime > '2026-03-02T09:15:00-08:00'");

        Assert.Equal(["Later Co"], answer.Json["QueryResponse"]!["Customer"]!.AsArray().Select(c => (string)c!["DisplayName"]!));
    }
}
