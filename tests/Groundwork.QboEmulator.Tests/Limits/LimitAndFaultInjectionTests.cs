using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Limits;

public sealed class LimitAndFaultInjectionTests
{
    [Fact]
    public async Task RequestsPerMinute_OverLimit_429Code3001_ThenNextMinuteAccepted()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Limits.RequestsPerMinute = 5);
        var api = await emulator.ApiAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("customer/1")).Status);
        }

        var throttled = await api.GetAsync("customer/1");
        emulator.Time.Advance(TimeSpan.FromMinutes(1));
        var nextMinute = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("3001", throttled.FaultCode);
        Assert.Equal("SERVICE", (string?)throttled.Json["Fault"]!["type"]);
        Assert.Equal(HttpStatusCode.OK, nextMinute.Status);
    }

    [Fact]
    public async Task RequestsPerMinute_ScaledClock_MinuteLastsSixSeconds()
    {
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.TimeScale = 10;
            o.Limits.RequestsPerMinute = 2;
        });
        var api = await emulator.ApiAsync();
        await api.GetAsync("customer/1");
        await api.GetAsync("customer/1");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await api.GetAsync("customer/1")).Status);

        emulator.Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("customer/1")).Status);
    }

    [Fact]
    public async Task Limits_ArePerCompany_AndCountersReportThem()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Limits.RequestsPerMinute = 1);
        var us = await emulator.ApiAsync();
        var plain = await emulator.ApiAsync(TestEmulator.PlainRealm);
        await us.GetAsync("customer/1");
        await us.GetAsync("customer/1");

        var other = await plain.GetAsync("customer/1");
        var counters = await emulator.Client.GetFromJsonAsync<JsonArray>("/qbo/admin/api/counters");

        Assert.Equal(HttpStatusCode.OK, other.Status);
        var usCounters = counters!.Single(c => (string?)c!["realmId"] == TestEmulator.UsRealm)!;
        Assert.Equal(1, (int)usCounters["accepted"]!);
        Assert.Equal(1, (int)usCounters["throttled"]!);
    }

    [Fact]
    public async Task BatchRequestsPerMinute_OverLimit_429()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Limits.BatchRequestsPerMinute = 1);
        var api = await emulator.ApiAsync();
        const string batch = """{"BatchItemRequest":[{"bId":"1","Query":"select * from Term"}]}""";

        var first = await api.PostAsync("batch", batch);
        var second = await api.PostAsync("batch", batch);
        var plainCall = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.Status);
        Assert.Equal(HttpStatusCode.OK, plainCall.Status);
    }

    [Fact]
    public async Task FaultInjection_FailNextAndThrottleNext_FireOnceEach()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        await PutFaultsAsync(emulator, TestEmulator.UsRealm, """{"failNext":1,"throttleNext":1}""");

        var throttled = await api.GetAsync("customer/1");
        var failed = await api.GetAsync("customer/1");
        var ok = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Equal("SystemFault", (string?)failed.Json["Fault"]!["type"]);
        Assert.Equal(HttpStatusCode.OK, ok.Status);
    }

    [Fact]
    public async Task FaultInjection_ErrorStatus503_ServiceUnavailableSystemFault()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        await PutFaultsAsync(emulator, "*", """{"failNext":1,"errorStatus":503}""");

        var failed = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal("10000", failed.FaultCode);
    }

    [Fact]
    public async Task FaultInjection_DropResponseAfterCommit_WriteIsStoredButNoAnswer()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        await PutFaultsAsync(emulator, TestEmulator.UsRealm, """{"dropResponseNext":1}""");

        await Assert.ThrowsAnyAsync<Exception>(() => api.PostAsync("customer?requestid=drop-1", """{"DisplayName":"Dropped Answer Co"}"""));
        var retried = await api.PostAsync("customer?requestid=drop-1", """{"DisplayName":"Dropped Answer Co"}""");
        var count = await api.QueryAsync("select count(*) from Customer where DisplayName = 'Dropped Answer Co'");

        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.Equal(1, (int)count.Json["QueryResponse"]!["totalCount"]!);
    }

    [Fact]
    public async Task AdminExpireTokens_NextCall401TokenExpired_RefreshStillWorks()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        using var expire = await emulator.Client.PostAsync($"/qbo/admin/api/companies/{TestEmulator.UsRealm}/expire-tokens", null);
        var answer = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.StartsWith("Token expired", (string?)answer.Json["fault"]!["error"]![0]!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminKey_Configured_AdminApiRequiresHeader()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.AdminKey = "s3cret");

        using var without = await emulator.Client.GetAsync("/qbo/admin/api/counters");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/qbo/admin/api/counters");
        request.Headers.Add("X-Emulator-Admin-Key", "s3cret");
        using var with = await emulator.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task AdminCreateCompany_Seeded_ConnectableAndOwnLimits()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.Limits.RequestsPerMinute = 1);
        using var created = await emulator.Client.PostAsync("/qbo/admin/api/companies",
            new StringContent("""{"realmId":"123456789","name":"Third Co","template":"plain"}""", Encoding.UTF8, "application/json"));
        var us = await emulator.ApiAsync();
        await us.GetAsync("customer/1");

        var third = await emulator.ApiAsync("123456789");
        var info = await third.GetAsync("companyinfo/123456789");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Third Co", (string?)info.Json["CompanyInfo"]!["CompanyName"]);
    }

    [Fact]
    public async Task AdminCreateCompany_ReadsAChunkedBody()
    {
        await using var emulator = await TestEmulator.StartAsync();
        // JsonContent streams the body chunked, with no Content-Length: the name must still be honoured.
        using var created = await emulator.Client.PostAsync("/qbo/admin/api/companies",
            System.Net.Http.Json.JsonContent.Create(new { realmId = "223456789", name = "Chunked Co", template = "plain" }));
        Assert.Null(created.RequestMessage!.Content!.Headers.ContentLength);

        var info = await (await emulator.ApiAsync("223456789")).GetAsync("companyinfo/223456789");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Chunked Co", (string?)info.Json["CompanyInfo"]!["CompanyName"]);
    }

    private static async Task PutFaultsAsync(TestEmulator emulator, string realm, string json)
    {
        using var response = await emulator.Client.PutAsync($"/qbo/admin/api/faults/{realm}", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }
}
