using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks.Tests.Emulator;

/// <summary>The retry pipeline against the emulator's injected faults, on the client's fake clock.</summary>
public sealed class QboResilienceEmulatorTests : IAsyncLifetime
{
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(15);
    private EmulatorHost _emulator = null!;
    private QboCompanyContext _company = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorHost.StartAsync();
        (_company, _) = await _emulator.ConnectAsync();
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task ReadCompanyInfo_Injected429WithoutRetryAfter_WaitsIntuitsSixtySecondsThenSucceeds()
    {
        await _emulator.InjectFaultsAsync("""{"throttleNext":1}""");

        var call = _emulator.Client.ReadCompanyInfoAsync(_company, CancellationToken.None);

        Assert.True(await _emulator.Harness.Timers.WaitForTimerAsync(QboRetryClassifier.ThrottleDefaultDelay, RealWait), "no 60 s wait was scheduled");
        _emulator.Harness.Time.Advance(QboRetryClassifier.ThrottleDefaultDelay);
        var info = await call.WaitAsync(RealWait);
        Assert.Equal("US", info.Value.Country);
    }

    [Fact]
    public async Task CreateAsync_ResponseDroppedAfterCommit_RetriesWithTheSameRequestIdAndCreatesOnce()
    {
        await _emulator.InjectFaultsAsync("""{"dropResponseNext":1}""");

        var call = _emulator.Client.CreateAsync(_company, new QboCustomer { DisplayName = "Dropped Line Electric" }, "gw-x1-1-create", CancellationToken.None);

        Assert.True(await _emulator.Harness.Timers.WaitForTimerAsync(TimeSpan.FromSeconds(2), RealWait), "no backoff after the dropped answer");
        _emulator.Harness.Time.Advance(TimeSpan.FromSeconds(2));
        var created = await call.WaitAsync(RealWait);
        var matches = await _emulator.Client.QueryAsync<QboCustomer>(
            _company, QboQuery.From("Customer").WhereEquals("DisplayName", "Dropped Line Electric"), CancellationToken.None);

        Assert.Equal(created.Value.Id, Assert.Single(matches.Items).Id);
    }

    [Fact]
    public async Task ReadCompanyInfo_ServerErrorOnEveryAttempt_GivesUpWithTheSystemFault()
    {
        await _emulator.InjectFaultsAsync("""{"failNext":10}""");

        var call = _emulator.Client.ReadCompanyInfoAsync(_company, CancellationToken.None);
        for (var attempt = 1; attempt < QboRetryClassifier.MaxTransientAttempts; attempt++)
        {
            var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt));
            Assert.True(await _emulator.Harness.Timers.WaitForTimerAsync(backoff, RealWait), $"no {backoff} backoff");
            _emulator.Harness.Time.Advance(backoff);
        }

        var error = await Assert.ThrowsAsync<QboException>(() => call.WaitAsync(RealWait));
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.NotNull(error.Fault.Code);
        Assert.NotNull(error.IntuitTid);
    }

    [Fact]
    public async Task CreateAsync_EveryAnswerDropped_ReportsAnUnknownOutcomeAndTheWriteHappenedOnce()
    {
        await _emulator.InjectFaultsAsync("""{"dropResponseNext":10}""");

        var call = _emulator.Client.CreateAsync(_company, new QboCustomer { DisplayName = "Silent Line Plumbing" }, "gw-x2-1-create", CancellationToken.None);
        for (var attempt = 1; attempt < QboRetryClassifier.MaxTransientAttempts; attempt++)
        {
            var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt));
            Assert.True(await _emulator.Harness.Timers.WaitForTimerAsync(backoff, RealWait), $"no {backoff} backoff");
            _emulator.Harness.Time.Advance(backoff);
        }

        var error = await Assert.ThrowsAsync<QboException>(() => call.WaitAsync(RealWait));
        await _emulator.InjectFaultsAsync("{}");
        var matches = await _emulator.Client.QueryAsync<QboCustomer>(
            _company, QboQuery.From("Customer").WhereEquals("DisplayName", "Silent Line Plumbing"), CancellationToken.None);

        Assert.True(error.IsOutcomeUnknown);
        Assert.Null(error.StatusCode);
        Assert.Single(matches.Items);
    }
}
