using Groundwork.Web.Features.QuickBooks.Sync.Inbound;
using Microsoft.Extensions.Time.Testing;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// The CDC schedule's rule, driven the way <c>CdcSchedule</c> drives it (a look every second of a fake clock): 30 seconds
/// between catch-ups without webhooks, 5 minutes while they flow, at once after a webhook gap, and a thousand companies
/// staggered over the interval instead of calling QuickBooks in the same second.
/// </summary>
public sealed class CdcTimetableTests
{
    private static readonly StatusBackOptions Defaults = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs the schedule for <paramref name="span"/>, a look per second; each company's catch-up times.</summary>
    private Dictionary<long, List<DateTime>> Run(CdcTimetable timetable, IReadOnlyCollection<long> connected, TimeSpan span,
        Func<long, DateTime, bool>? webhooksFlow = null)
    {
        var calls = connected.ToDictionary(o => o, _ => new List<DateTime>());
        for (var end = Now + span; Now < end; _clock.Advance(CdcSchedule.Tick))
        {
            var undecided = timetable.Undecided(connected, Now);
            var flowing = undecided.Where(o => webhooksFlow?.Invoke(o, Now) ?? false).ToHashSet();
            foreach (var organization in timetable.TakeDue(flowing, Now)) calls[organization].Add(Now);
        }
        return calls;
    }

    [Fact]
    public void Defaults_ChangeWithinAMinuteWithoutWebhooks_FiveMinutesWhileTheyFlow()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Defaults.CdcIntervalWithoutWebhooks);
        Assert.Equal(TimeSpan.FromMinutes(5), Defaults.CdcInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), Defaults.WebhookGap);
        Assert.True(Defaults.IsValid());
        Assert.False(new StatusBackOptions { CdcInterval = TimeSpan.FromSeconds(10) }.IsValid());
        Assert.False(new StatusBackOptions { CdcIntervalWithoutWebhooks = TimeSpan.Zero }.IsValid());
        Assert.False(new StatusBackOptions { WebhookGap = TimeSpan.Zero }.IsValid());
    }

    [Fact]
    public void NoWebhooks_EachCompanyCatchesUpEvery30Seconds_FirstWithinTheFirstInterval()
    {
        var start = Now;
        var calls = Run(new CdcTimetable(Defaults), [1, 2, 3, 42, 1000], TimeSpan.FromMinutes(10) + CdcSchedule.Tick);

        Assert.All(calls.Values, times =>
        {
            Assert.InRange(times[0] - start, TimeSpan.Zero, TimeSpan.FromSeconds(30));
            Assert.Equal(20, times.Count);
            Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(30), p.Second - p.First));
        });
    }

    [Fact]
    public void WebhooksFlowing_CatchUpEveryFiveMinutes_ThenAtOnceAfterAWebhookGap()
    {
        var start = Now;
        // Webhook events keep arriving for 12 minutes, then stop; the gap is noticed 5 minutes after the last one.
        var lastEvent = start + TimeSpan.FromMinutes(12);
        var timetable = new CdcTimetable(Defaults);
        var calls = Run(timetable, [7], TimeSpan.FromMinutes(25), (_, now) => Min(now, lastEvent) >= timetable.FlowingSince(now))[7];

        var whileFlowing = calls.Where(t => t < lastEvent + Defaults.WebhookGap).ToList();
        Assert.All(whileFlowing.Zip(whileFlowing.Skip(1)), p => Assert.Equal(TimeSpan.FromMinutes(5), p.Second - p.First));
        Assert.Equal(3, whileFlowing.Count);
        var afterGap = calls.Where(t => t >= lastEvent + Defaults.WebhookGap).ToList();
        // Noticed at the first look after the gap: at once, not at the next relaxed slot.
        Assert.InRange(afterGap[0] - (lastEvent + Defaults.WebhookGap), TimeSpan.Zero, CdcSchedule.Tick);
        Assert.InRange(afterGap.Count, 16, 17);
        Assert.All(afterGap.Skip(1).Zip(afterGap.Skip(2)), p => Assert.Equal(TimeSpan.FromSeconds(30), p.Second - p.First));
    }

    [Fact]
    public void AThousandCompanies_AreStaggeredOverTheInterval_NotCalledInTheSameSecond()
    {
        var organizations = Enumerable.Range(1, 1000).Select(i => (long)i).ToList();
        var start = Now;
        var calls = Run(new CdcTimetable(Defaults), organizations, TimeSpan.FromMinutes(2) + CdcSchedule.Tick);

        var perSecond = calls.Values.SelectMany(t => t).GroupBy(t => t).Select(g => g.Count()).ToList();
        Assert.Equal(4000, perSecond.Sum());
        // 1,000 companies over 30 one-second looks is 33.3 each; a burst would be hundreds in one second.
        Assert.InRange(perSecond.Max(), 1, 40);
        var firsts = calls.Values.Select(t => (int)(t[0] - start).TotalSeconds).ToList();
        Assert.Equal(30, firsts.Distinct().Count());
    }

    [Fact]
    public void Phase_IsTheSameForTheSameOrganization_AndWithinTheInterval()
    {
        var timetable = new CdcTimetable(Defaults);
        long[] organizations = [0, 1, 2, 999_999, long.MaxValue, -5];

        Assert.All(organizations, o => Assert.InRange(timetable.Phase(o), TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        Assert.All(organizations, o => Assert.Equal(timetable.Phase(o), new CdcTimetable(Defaults).Phase(o)));
        Assert.NotEqual(timetable.Phase(1), timetable.Phase(2));
    }

    [Fact]
    public void AppAsleepForTenMinutes_CatchesUpOnce_NotOncePerMissedSlot_AndKeepsItsPhase()
    {
        var timetable = new CdcTimetable(Defaults);
        var start = Now;
        var first = Run(timetable, [5], TimeSpan.FromSeconds(31))[5].Single();

        _clock.Advance(TimeSpan.FromMinutes(10));
        var awake = Now;
        var after = Run(timetable, [5], TimeSpan.FromSeconds(31))[5];

        Assert.InRange(first - (start + timetable.Phase(5)), TimeSpan.Zero, CdcSchedule.Tick);
        Assert.Equal(2, after.Count);
        Assert.Equal(awake, after[0]);
        Assert.Equal(0, (after[1] - first).Ticks % TimeSpan.FromSeconds(30).Ticks);
    }

    [Fact]
    public void DisconnectedCompany_IsForgotten_AndStartsAgainAtItsPhaseWhenReconnected()
    {
        var timetable = new CdcTimetable(Defaults);
        Run(timetable, [1, 2], TimeSpan.FromSeconds(40));

        var without = Run(timetable, [1], TimeSpan.FromSeconds(60));
        var again = Now;
        var back = Run(timetable, [1, 2], TimeSpan.FromSeconds(31));

        Assert.False(without.ContainsKey(2));
        Assert.Single(back[2]);
        Assert.InRange(back[2][0] - again, TimeSpan.Zero, TimeSpan.FromSeconds(30));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
