using System.Globalization;

namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>
/// After a token refresh fails for a reason other than <c>invalid_grant</c> (Intuit down, a network fault, a bad client
/// secret), no refresh is tried again before <see cref="RetryAtUtc"/>: 30 s, doubling to at most 15 minutes, so a queue of
/// calls cannot turn one outage into a storm of refreshes at Intuit. A success clears it.
/// </summary>
internal sealed class RefreshBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Longest = TimeSpan.FromMinutes(15);

    private int _failures;

    public DateTime? RetryAtUtc { get; private set; }

    public bool IsWaiting(DateTime nowUtc) => RetryAtUtc is { } at && nowUtc < at;

    public void Failed(DateTime nowUtc)
    {
        _failures = Math.Min(_failures + 1, 16);
        var delay = TimeSpan.FromTicks(Math.Min(First.Ticks << (_failures - 1), Longest.Ticks));
        RetryAtUtc = nowUtc + delay;
    }

    public void Succeeded()
    {
        _failures = 0;
        RetryAtUtc = null;
    }

    /// <summary>What the user sees while waiting; null when nothing is failing.</summary>
    public string? Describe() => RetryAtUtc is { } at
        ? string.Create(CultureInfo.InvariantCulture, $"QuickBooks sign-in failing, retrying at {at:HH:mm:ss} UTC.")
        : null;
}
