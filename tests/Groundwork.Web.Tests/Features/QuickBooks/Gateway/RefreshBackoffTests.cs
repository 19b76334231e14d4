using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Tests.Features.QuickBooks.Gateway;

public sealed class RefreshBackoffTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(6, 900)]
    [InlineData(40, 900)]
    public void Failed_NTimesInARow_WaitsLongerEachTimeUpTo15Minutes(int failures, int expectedSeconds)
    {
        var backoff = new RefreshBackoff();
        for (var i = 0; i < failures; i++) backoff.Failed(Now);

        Assert.Equal(Now.AddSeconds(expectedSeconds), backoff.RetryAtUtc);
        Assert.True(backoff.IsWaiting(Now.AddSeconds(expectedSeconds - 1)));
        Assert.False(backoff.IsWaiting(Now.AddSeconds(expectedSeconds)));
    }

    [Fact]
    public void Succeeded_AfterFailures_ClearsTheWaitAndTheCount()
    {
        var backoff = new RefreshBackoff();
        backoff.Failed(Now);
        backoff.Failed(Now);
        backoff.Succeeded();

        Assert.False(backoff.IsWaiting(Now));
        Assert.Null(backoff.Describe());
        backoff.Failed(Now);
        Assert.Equal(Now.AddSeconds(30), backoff.RetryAtUtc);
    }

    [Fact]
    public void Describe_WhileWaiting_SaysWhenItRetries()
    {
        var backoff = new RefreshBackoff();
        backoff.Failed(Now);

        Assert.Equal("QuickBooks sign-in failing, retrying at 12:00:30 UTC.", backoff.Describe());
    }
}
