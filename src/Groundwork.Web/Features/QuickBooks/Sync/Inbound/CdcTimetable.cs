namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// When each company catches up by CDC — the pure rule behind <see cref="CdcSchedule"/>. A company whose webhooks flow
/// (an event arrived within <see cref="StatusBackOptions.WebhookGap"/>) is asked every <see cref="StatusBackOptions.CdcInterval"/>;
/// one without (webhooks lost, not configured, or simply a quiet company) every
/// <see cref="StatusBackOptions.CdcIntervalWithoutWebhooks"/>, which is what keeps a change within a minute when every
/// webhook is dropped. Each company has its own phase inside the shorter interval, taken from its organization id, so a
/// thousand companies spread their calls over the interval instead of calling QuickBooks in the same second.
/// </summary>
public sealed class CdcTimetable(StatusBackOptions options)
{
    /// <summary>Each connected company's last slot (see <see cref="SlotAt"/>). In memory: losing it at a restart only restarts the stagger.</summary>
    private readonly Dictionary<long, DateTime> _slots = [];

    /// <summary>
    /// Takes in the companies connected now (forgetting the others, placing new ones at their phase) and returns those
    /// whose being due depends on whether their webhooks flow — the only ones worth asking the database about.
    /// </summary>
    public IReadOnlyList<long> Undecided(IReadOnlyCollection<long> connected, DateTime now)
    {
        foreach (var gone in _slots.Keys.Except(connected).ToList()) _slots.Remove(gone);
        foreach (var organization in connected) _slots.TryAdd(organization, FirstSlot(organization, now));
        return [.. connected.Where(o => DueOnlyWithoutWebhooks(_slots[o], now))];
    }

    /// <summary>The companies due at <paramref name="now"/> (<paramref name="flowing"/>: those with a webhook event lately), each moved to its next slot.</summary>
    public IReadOnlyList<long> TakeDue(IReadOnlySet<long> flowing, DateTime now)
    {
        var due = _slots.Where(s => IsDue(s.Value, now, flowing.Contains(s.Key))).Select(s => s.Key).Order().ToList();
        foreach (var organization in due) _slots[organization] = SlotAt(_slots[organization], now);
        return due;
    }

    // 2^64 / golden ratio: consecutive ids land far apart and fill the interval evenly (Fibonacci hashing).
    private const ulong GoldenRatio = 11400714819323198485UL;

    /// <summary>The company's offset inside the interval without webhooks: the same for the same id, spread for consecutive ids.</summary>
    public TimeSpan Phase(long organizationId)
    {
        var fraction = (unchecked((ulong)organizationId * GoldenRatio) >> 11) / (double)(1UL << 53);
        return TimeSpan.FromTicks((long)(fraction * options.CdcIntervalWithoutWebhooks.Ticks));
    }

    /// <summary>
    /// The slot a company seen first at <paramref name="now"/> starts from: one interval without webhooks before its first
    /// catch-up, which is therefore due at its phase within that interval (staggered start-up).
    /// </summary>
    public DateTime FirstSlot(long organizationId, DateTime now) => now + Phase(organizationId) - options.CdcIntervalWithoutWebhooks;

    /// <summary>The interval that applies now: the relaxed one while webhooks flow, the short one after a webhook gap.</summary>
    public TimeSpan Interval(bool webhooksFlow) => webhooksFlow ? options.CdcInterval : options.CdcIntervalWithoutWebhooks;

    /// <summary>Whether the company, last caught up in <paramref name="lastSlot"/>, is due at <paramref name="now"/>.</summary>
    public bool IsDue(DateTime lastSlot, DateTime now, bool webhooksFlow) => now >= lastSlot + Interval(webhooksFlow);

    /// <summary>
    /// Whether the company could be due now only if its webhooks have stopped: due on the short interval, not on the relaxed
    /// one. Only these need the question "did a webhook arrive lately?".
    /// </summary>
    public bool DueOnlyWithoutWebhooks(DateTime lastSlot, DateTime now) => IsDue(lastSlot, now, webhooksFlow: false) && !IsDue(lastSlot, now, webhooksFlow: true);

    /// <summary>
    /// The slot of a catch-up made at <paramref name="now"/>: the latest slot on the company's grid (its phase plus whole
    /// intervals without webhooks) not after now. The phase is kept in both modes, and slots missed while the app was down
    /// or busy are skipped, not made up in a burst.
    /// </summary>
    public DateTime SlotAt(DateTime lastSlot, DateTime now)
    {
        var step = options.CdcIntervalWithoutWebhooks;
        return now < lastSlot + step ? lastSlot : lastSlot + TimeSpan.FromTicks(step.Ticks * ((now - lastSlot).Ticks / step.Ticks));
    }

    /// <summary>A webhook event received at or after this time means the company's webhooks flow at <paramref name="now"/>.</summary>
    public DateTime FlowingSince(DateTime now) => now - options.WebhookGap;
}
