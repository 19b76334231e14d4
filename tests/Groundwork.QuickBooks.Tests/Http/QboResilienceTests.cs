using System.Net;
using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Wire;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QuickBooks.Tests.Http;

/// <summary>The HTTP pipeline retries exactly what the classifier says, waiting on the injected clock.</summary>
public sealed class QboResilienceTests
{
    private static readonly QboCompanyContext Company = new("9130", "access-token-1");
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(15);

    private const string ThrottleBody =
        """{"Fault":{"Error":[{"Message":"message=ThrottleExceeded; errorCode=003001; statusCode=429","Detail":"The request limit was reached.  Try again later","code":"3001"}],"type":"SERVICE"},"time":"2026-03-01T04:00:00.000-08:00"}""";

    [Fact]
    public async Task ReadAsync_429WithRetryAfterThen200_RetriesOnceAfterExactlyTheDelay()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        await using var server = await LoopbackServer.StartAsync((_, count, response) => count == 1
            ? LoopbackServer.WriteJsonAsync(response, 429, ThrottleBody, ("Retry-After", "5"))
            : RecordedQboServer.ReplayBodyAsync(response, 200, "item_read_item.json"));
        using var harness = new ClientHarness(server.BaseUrl);

        var call = harness.Client.ReadAsync<QboItem>(Company, "11", CancellationToken.None);

        Assert.True(await harness.Timers.WaitForTimerAsync(TimeSpan.FromSeconds(5), RealWait), "no 5 s retry delay was scheduled");
        harness.Time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(await server.WaitForRequestsAsync(2, TimeSpan.FromMilliseconds(300)), "retried before Retry-After elapsed");
        harness.Time.Advance(TimeSpan.FromSeconds(0.1));
        var result = await call.WaitAsync(RealWait);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("Pump", result.Value.Name);
        Assert.Equal(server.Requests[0].Query["requestid"], server.Requests[1].Query["requestid"]);
    }

    [Fact]
    public async Task CreateAsync_400Validation_IsNotRetriedAndSurfacesTheFault()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        await using var server = await LoopbackServer.StartAsync((_, _, response) =>
            RecordedQboServer.ReplayAsync(response, "error__validation__0.json"));
        using var harness = new ClientHarness(server.BaseUrl);

        var error = await Assert.ThrowsAsync<QboException>(() =>
            harness.Client.CreateAsync(Company, new QboCustomer { DisplayName = "Weiskopf Consulting" }, "gw-9-1-create", CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("6240", error.Fault.Code);
        Assert.Equal("Duplicate Name Exists Error", error.Fault.Message);
        Assert.NotNull(error.IntuitTid);
        Assert.IsType<QboRetryDecision.Fail>(error.Classify(1, harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ReadAsync_Gateway401_IsNotRetriedByThePipelineAndAsksForARefresh()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        await using var server = await LoopbackServer.StartAsync((_, _, response) =>
            RecordedQboServer.ReplayAsync(response, "error__401__0.json"));
        using var harness = new ClientHarness(server.BaseUrl);

        var error = await Assert.ThrowsAsync<QboException>(() =>
            harness.Client.ReadAsync<QboCustomer>(Company, "1", CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal("3200", error.Fault.Code);
        Assert.Equal("1-5f7349e0-0fd2bee86a8a83c67a77fbb2", error.IntuitTid);
        Assert.IsType<QboRetryDecision.RefreshTokenThenRetry>(error.Classify(1, harness.Time.GetUtcNow()));
        Assert.IsType<QboRetryDecision.Fail>(error.Classify(2, harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task UpdateAsync_StaleSyncToken_IsNotRetriedByThePipelineAndAsksForAReread()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        await using var server = await LoopbackServer.StartAsync((_, _, response) =>
            RecordedQboServer.ReplayBodyAsync(response, 400, "item_update_item_error.json"));
        using var harness = new ClientHarness(server.BaseUrl);

        var error = await Assert.ThrowsAsync<QboException>(() => harness.Client.UpdateAsync(
            Company, new QboItem { Id = "5", SyncToken = "2", Name = "Rock Fountain" }, "gw-5-1-update", CancellationToken.None));

        Assert.Single(server.Requests);
        Assert.Equal(QboFault.StaleObjectCode, error.Fault.Code);
        Assert.IsType<QboRetryDecision.RereadThenRetry>(error.Classify(1, harness.Time.GetUtcNow()));
    }

    [Fact]
    public async Task ReadAsync_500Then200_RetriesAfterTheClassifiersBackoff()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        await using var server = await LoopbackServer.StartAsync((_, count, response) => count == 1
            ? LoopbackServer.WriteJsonAsync(response, 500, "<html>oops</html>")
            : RecordedQboServer.ReplayBodyAsync(response, 200, "item_read_item.json"));
        using var harness = new ClientHarness(server.BaseUrl);

        var call = harness.Client.ReadAsync<QboItem>(Company, "11", CancellationToken.None);

        Assert.True(await harness.Timers.WaitForTimerAsync(TimeSpan.FromSeconds(2), RealWait), "no 2 s backoff was scheduled");
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        var result = await call.WaitAsync(RealWait);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("11", result.Value.Id);
    }

    [Fact]
    public async Task ReadAsync_ThrottledOnEveryAttempt_GivesUpAfterFourAttempts()
    {
        await using var server = await LoopbackServer.StartAsync((_, _, response) =>
            LoopbackServer.WriteJsonAsync(response, 429, ThrottleBody, ("Retry-After", "1")));
        using var harness = new ClientHarness(server.BaseUrl);

        var call = harness.Client.ReadAsync<QboItem>(Company, "11", CancellationToken.None);
        for (var attempt = 1; attempt < QboRetryClassifier.MaxTransientAttempts; attempt++)
        {
            Assert.True(await server.WaitForRequestsAsync(attempt, RealWait));
            Assert.True(await WaitForTimerCountAsync(harness, TimeSpan.FromSeconds(1), attempt), $"no delay after attempt {attempt}");
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<QboException>(() => call.WaitAsync(RealWait));
        Assert.Equal(QboRetryClassifier.MaxTransientAttempts, server.Requests.Count);
        Assert.Equal("3001", error.Fault.Code);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter?.Delta);
    }

    private static async Task<bool> WaitForTimerCountAsync(ClientHarness harness, TimeSpan due, int count)
    {
        for (var i = 0; i < 500; i++)
        {
            if (harness.Timers.DueTimes.Count(d => d == due) >= count)
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
