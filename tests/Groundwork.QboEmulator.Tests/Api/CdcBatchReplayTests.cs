using System.Net;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Api;

public sealed class CdcBatchReplayTests
{
    [Fact]
    public async Task Cdc_ChangedAndDeleted_ReturnsFullObjectsAndDeletedStatus()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        emulator.Time.Advance(TimeSpan.FromMinutes(10));
        var since = emulator.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        emulator.Time.Advance(TimeSpan.FromMinutes(1));
        await api.PostAsync("customer", """{"DisplayName":"CDC Co"}""");
        var seeded = (await api.QueryAsync("select * from Bill")).Json["QueryResponse"]!["Bill"]![0]!;
        await api.PostAsync("bill?operation=delete", $$"""{"Id":"{{seeded["Id"]}}","SyncToken":"{{seeded["SyncToken"]}}"}""");

        var answer = await api.GetAsync($"cdc?entities=Customer,Bill,Invoice&changedSince={Uri.EscapeDataString(since)}");

        var groups = answer.Json["CDCResponse"]![0]!["QueryResponse"]!.AsArray();
        Assert.Equal("CDC Co", (string?)groups[0]!["Customer"]![0]!["DisplayName"]);
        Assert.Equal("Deleted", (string?)groups[1]!["Bill"]![0]!["status"]);
        Assert.Empty(groups[2]!.AsObject());
    }

    [Fact]
    public async Task Cdc_ChangedSinceOlderThan30Days_Fault()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.GetAsync("cdc?entities=Customer&changedSince=2026-01-01T00:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("500", answer.FaultCode);
        Assert.Contains("older than fixed days", (string?)answer.Json["Fault"]!["Error"]![0]!["Detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_MixedItems_PerItemFaultsAndNoVisibilityOfEarlierCreationsButNamesStillClash()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("batch", """
            {"BatchItemRequest":[
              {"bId":"b1","operation":"create","Vendor":{"DisplayName":"Boraski Family Store"}},
              {"bId":"b2","operation":"delete","Invoice":{"Id":"9999","SyncToken":"0"}},
              {"bId":"b3","operation":"update","Customer":{"Id":"1","SyncToken":"7","sparse":true,"Notes":"x"}},
              {"bId":"b4","Query":"select * from Vendor where DisplayName = 'Boraski Family Store'"},
              {"bId":"b5","operation":"create","Customer":{"DisplayName":"Boraski Family Store"}}]}
            """);

        var items = answer.Json["BatchItemResponse"]!.AsArray();
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("Boraski Family Store", (string?)items[0]!["Vendor"]!["DisplayName"]);
        Assert.Equal("610", (string?)items[1]!["Fault"]!["Error"]![0]!["code"]);
        Assert.Equal("5010", (string?)items[2]!["Fault"]!["Error"]![0]!["code"]);
        Assert.Empty(items[3]!["QueryResponse"]!.AsObject());
        Assert.Equal("6240", (string?)items[4]!["Fault"]!["Error"]![0]!["code"]);
    }

    [Fact]
    public async Task Batch_Over30Items_Fault1040()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var items = string.Join(',', Enumerable.Range(1, 31).Select(i => $$"""{"bId":"b{{i}}","Query":"select * from Term"}"""));

        var answer = await api.PostAsync("batch", $$"""{"BatchItemRequest":[{{items}}]}""");

        Assert.Equal("1040", answer.FaultCode);
    }

    [Fact]
    public async Task RequestId_Repeated_ReplaysSameResponseWithoutSecondWrite()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var first = await api.PostAsync("customer?requestid=gw-42-1-create", """{"DisplayName":"Once Only"}""");
        var second = await api.PostAsync("customer?requestid=gw-42-1-create", """{"DisplayName":"Once Only"}""");
        var count = await api.QueryAsync("select count(*) from Customer where DisplayName = 'Once Only'");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Json.ToJsonString(), second.Json.ToJsonString());
        Assert.Equal(1, (int)count.Json["QueryResponse"]!["totalCount"]!);
    }

    [Fact]
    public async Task RequestId_Over50Chars_Fault6000NothingWritten()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync($"customer?requestid={new string('r', 51)}", """{"DisplayName":"Long Id Co"}""");
        var count = await api.QueryAsync("select count(*) from Customer where DisplayName = 'Long Id Co'");

        Assert.Equal("6000", answer.FaultCode);
        Assert.Contains("more than 50 characters in the request_id field", (string?)answer.Json["Fault"]!["Error"]![0]!["Detail"], StringComparison.Ordinal);
        Assert.Equal(0, (int)count.Json["QueryResponse"]!["totalCount"]!);
    }

    [Fact]
    public async Task Preferences_SparseUpdate_TogglesClassTrackingAndBumpsSyncToken()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync(TestEmulator.PlainRealm);
        var prefs = (await api.GetAsync("preferences")).Json["Preferences"]!;

        var updated = await api.PostAsync("preferences", $$$"""{"Id":"{{{prefs["Id"]}}}","SyncToken":"{{{prefs["SyncToken"]}}}","sparse":true,"AccountingInfoPrefs":{"ClassTrackingPerTxnLine":true}}""");
        var stale = await api.PostAsync("preferences", $$$"""{"Id":"{{{prefs["Id"]}}}","SyncToken":"{{{prefs["SyncToken"]}}}","sparse":true,"AccountingInfoPrefs":{"ClassTrackingPerTxnLine":false}}""");

        Assert.True((bool)updated.Json["Preferences"]!["AccountingInfoPrefs"]!["ClassTrackingPerTxnLine"]!);
        Assert.Equal("Customers", (string?)updated.Json["Preferences"]!["AccountingInfoPrefs"]!["CustomerTerminology"]);
        Assert.Equal("5010", stale.FaultCode);
    }

    [Fact]
    public async Task Preferences_UpdateOfReadOnlyTaxPrefs_SilentlyIgnored()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync(TestEmulator.PlainRealm);
        var prefs = (await api.GetAsync("preferences")).Json["Preferences"]!;

        var updated = await api.PostAsync("preferences", $$$"""{"Id":"{{{prefs["Id"]}}}","SyncToken":"{{{prefs["SyncToken"]}}}","sparse":true,"TaxPrefs":{"UsingSalesTax":true}}""");

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.False((bool)updated.Json["Preferences"]!["TaxPrefs"]!["UsingSalesTax"]!);
    }

    [Fact]
    public async Task CompanyInfo_Read_HasCountryUS()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.GetAsync($"companyinfo/{TestEmulator.UsRealm}?minorversion=75");

        Assert.Equal("US", (string?)answer.Json["CompanyInfo"]!["Country"]);
    }

    [Fact]
    public async Task TaxService_NewRateWithoutAgency_Fault_WithAgency_CreatesTaxCode()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var plain = await emulator.ApiAsync(TestEmulator.PlainRealm);

        var noAgency = await plain.PostAsync("taxservice/taxcode", """{"TaxCode":"City","TaxRateDetails":[{"TaxRateName":"City","RateValue":"2","TaxAgencyId":"1","TaxApplicableOn":"Sales"}]}""");
        var agency = await plain.PostAsync("taxagency", """{"DisplayName":"City Tax Agency"}""");
        var created = await plain.PostAsync("taxservice/taxcode", $$"""{"TaxCode":"City","TaxRateDetails":[{"TaxRateName":"City","RateValue":"2","TaxAgencyId":"{{agency.Json["TaxAgency"]!["Id"]}}","TaxApplicableOn":"Sales"}]}""");
        var prefs = await plain.GetAsync("preferences");

        Assert.Equal("2500", noAgency.FaultCode);
        Assert.NotNull(created.Json["TaxCodeId"]);
        Assert.True((bool)prefs.Json["Preferences"]!["TaxPrefs"]!["UsingSalesTax"]!);
    }

    [Fact]
    public async Task UnknownResource_UnsupportedOperationFault500()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.GetAsync("customer/1/5");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("500", answer.FaultCode);
    }
}
