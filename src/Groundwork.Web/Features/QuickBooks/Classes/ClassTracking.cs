using Groundwork.QuickBooks;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Features.QuickBooks.Classes;

/// <summary>
/// Whether cost types can be mapped to classes: QBO must track classes “one to each row in a transaction”. The finding
/// and QuickBooks' steps are the readiness checklist's own class-tracking line, so the words live in one place.
/// </summary>
public sealed record ClassTrackingState(bool Available, bool CheckedNow, string Finding, string? Steps)
{
    private const string Key = "class-tracking";
    /// <summary>Two tries at most, no long waits: a person is waiting on the page.</summary>
    private const int Attempts = 2;
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Read live from QBO's Preferences (the bookkeeper may have just changed them); when QBO does not answer, the last
    /// readiness check says, marked as not checked now, and a mapping is refused until QBO answers.
    /// </summary>
    public static async Task<ClassTrackingState> ReadAsync(QboCompanyCalls qbo, long organizationId, QboConnection connection, CancellationToken ct)
    {
        try
        {
            var prefs = (await qbo.CallAsync(organizationId, (c, company, t) => c.ReadPreferencesAsync(company, t), ct, maxAttempts: Attempts, maxWait: LongestWait)).Value;
            return From(CheckReadiness.Evaluate(0, prefs).Single(i => i.Key == Key), checkedNow: true);
        }
        catch (Exception ex) when (ex is QboException or QboNotConnectedException)
        {
            var unanswered = ex is QboException q ? CheckReadiness.Unanswered(q) : ex.Message;
            var last = Readiness.FromJson(connection.ReadinessJson)?.Items.FirstOrDefault(i => i.Key == Key);
            return last is null
                ? new ClassTrackingState(false, false, unanswered, null)
                : From(last, checkedNow: false) with { Finding = $"{last.Finding} (as last checked; {unanswered})" };
        }
    }

    private static ClassTrackingState From(ReadinessItem item, bool checkedNow) => new(item.Ok, checkedNow, item.Finding, item.Fix);
}
