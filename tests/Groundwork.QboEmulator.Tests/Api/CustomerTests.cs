using System.Net;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Api;

public sealed class CustomerTests
{
    [Fact]
    public async Task CreateCustomer_NewName_ReturnsSyncToken0WithMetaDataAndIntuitTid()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("customer?minorversion=75", """{"DisplayName":"Doe, Jane"}""");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        var customer = answer.Json["Customer"]!;
        Assert.Equal("0", (string?)customer["SyncToken"]);
        Assert.Equal("Doe, Jane", (string?)customer["FullyQualifiedName"]);
        Assert.NotNull(customer["MetaData"]?["CreateTime"]);
        Assert.True(answer.Raw.Headers.Contains("intuit_tid"));
        Assert.NotNull(answer.Json["time"]);
    }

    [Fact]
    public async Task CreateCustomer_NameOfInactiveVendorDifferentCase_Fault6240()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("customer", """{"DisplayName":"  mahoney MUGS "}""");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("6240", answer.FaultCode);
        Assert.Equal("ValidationFault", (string?)answer.Json["Fault"]!["type"]);
    }

    [Fact]
    public async Task CreateCustomer_ColonInName_BusinessValidationFault()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("customer", """{"DisplayName":"Smith: Kitchen"}""");

        Assert.Equal("6000", answer.FaultCode);
    }

    [Fact]
    public async Task CreateSubCustomer_WithParentRef_IsJobWithLevelAndFullyQualifiedName()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("customer", """{"DisplayName":"12 Elm St","ParentRef":{"value":"1"}}""");

        var job = answer.Json["Customer"]!;
        Assert.True((bool)job["Job"]!);
        Assert.Equal(1, (int)job["Level"]!);
        Assert.Equal("Amy's Bird Sanctuary:12 Elm St", (string?)job["FullyQualifiedName"]);
        Assert.Equal("Amy's Bird Sanctuary", (string?)job["ParentRef"]!["name"]);
    }

    [Fact]
    public async Task UpdateCustomer_StaleSyncToken_Fault5010()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var created = (await api.PostAsync("customer", """{"DisplayName":"Stale Co"}""")).Json["Customer"]!;
        var id = (string)created["Id"]!;
        await api.PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"Notes":"first"}""");

        var answer = await api.PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"Notes":"second"}""");

        Assert.Equal("5010", answer.FaultCode);
    }

    [Fact]
    public async Task SparseUpdate_OnlySentFieldsChange_FullUpdateClearsOmittedFields()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var created = (await api.PostAsync("customer", """{"DisplayName":"Sparse Co","Notes":"keep me","CompanyName":"Sparse"}""")).Json["Customer"]!;
        var id = (string)created["Id"]!;

        var sparse = (await api.PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"0","sparse":true,"CompanyName":"Sparse Inc"}""")).Json["Customer"]!;
        var full = (await api.PostAsync("customer", $$"""{"Id":"{{id}}","SyncToken":"1","DisplayName":"Sparse Co"}""")).Json["Customer"]!;

        Assert.Equal("keep me", (string?)sparse["Notes"]);
        Assert.Equal("1", (string?)sparse["SyncToken"]);
        Assert.Null(full["Notes"]);
        Assert.Equal("2", (string?)full["SyncToken"]);
    }

    [Fact]
    public async Task Deactivate_Customer_RenamedDeletedAndHiddenFromPlainQueries()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("customer", """{"Id":"2","SyncToken":"0","sparse":true,"Active":false}""");
        var plain = await api.QueryAsync("select * from Customer where Id = '2'");
        var all = await api.QueryAsync("select * from Customer where Id = '2' and Active IN (true, false)");

        Assert.Equal("Bill's Windsurf Shop (deleted)", (string?)answer.Json["Customer"]!["DisplayName"]);
        Assert.Null(plain.Json["QueryResponse"]!["Customer"]);
        Assert.Single(all.Json["QueryResponse"]!["Customer"]!.AsArray());
    }

    [Fact]
    public async Task ReadCustomer_UnknownId_Fault610_AndNonNumericId_Fault2030()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var missing = await api.GetAsync("customer/99999");
        var bad = await api.GetAsync("customer/1.5");

        Assert.Equal("610", missing.FaultCode);
        Assert.Equal("2030", bad.FaultCode);
    }

    [Fact]
    public async Task CreateCustomer_UnknownField_Fault2010_MalformedJson_Fault2010_NotA500()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var unknown = await api.PostAsync("customer", """{"DisplayName":"X","BadJson":true}""");
        var malformed = await api.PostAsync("customer", """{"DisplayName": """);
        var wrongType = await api.PostAsync("customer", """{"DisplayName": 42}""");

        Assert.Equal("2010", unknown.FaultCode);
        Assert.Equal("2010", malformed.FaultCode);
        Assert.Equal("2010", wrongType.FaultCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
    }

    [Fact]
    public async Task CreateCustomer_DisplayNameOver500Chars_Fault2050()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("customer", new JsonObject { ["DisplayName"] = new string('a', 501) });

        Assert.Equal("2050", answer.FaultCode);
    }
}
