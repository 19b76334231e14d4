using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Tests.Features.QuickBooks.Gateway;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Run_ThatCompletesSynchronously_IsNotKeptForTheNextCaller()
    {
        var flight = new SingleFlight<int>();
        var starts = 0;

        var first = await flight.RunAsync(() => Task.FromResult(++starts));
        var second = await flight.RunAsync(() => Task.FromResult(++starts));

        Assert.Equal(1, first);
        Assert.Equal(2, second);
        Assert.False(flight.IsRunning);
    }

    [Fact]
    public async Task Run_WhileOneIsInFlight_JoinsItAndStartsNothing()
    {
        var flight = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = 0;

        var first = flight.RunAsync(() => { starts++; return gate.Task; });
        var second = flight.RunAsync(() => { starts++; return Task.FromResult(-1); });
        Assert.True(flight.IsRunning);
        gate.SetResult(7);

        var both = await Task.WhenAll(first, second);
        Assert.Equal(new[] { 7, 7 }, both);
        Assert.Equal(1, starts);
    }

    [Fact]
    public async Task Run_AfterTheFlightEnded_StartsAFreshOne()
    {
        var flight = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = flight.RunAsync(() => gate.Task);
        gate.SetResult(1);
        await first;

        Assert.False(flight.IsRunning);
        Assert.Equal(2, await flight.RunAsync(() => Task.FromResult(2)));
    }

    [Fact]
    public async Task Run_ThatFails_IsForgottenSoTheNextCallerTriesAgain()
    {
        var flight = new SingleFlight<int>();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = flight.RunAsync(() => gate.Task);
        gate.SetException(new InvalidOperationException("boom"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(3, await flight.RunAsync(() => Task.FromResult(3)));
    }
}
