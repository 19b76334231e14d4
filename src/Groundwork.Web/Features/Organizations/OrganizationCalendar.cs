using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Organizations;

/// <summary>
/// Business dates are the organization's local date: an invoice written at 17:00 in Oregon is dated that day, not the
/// next UTC day. QBO's <c>TxnDate</c> is the company's local date too, which is why the zone follows the QBO company.
/// </summary>
public sealed class OrganizationCalendar(GroundworkDbContext db, ITenantContext tenant, AppClock clock)
{
    private TimeZoneInfo? _zone;

    public async Task<DateOnly> TodayAsync(CancellationToken ct) => TimeZones.Today(clock.UtcNow, await ZoneAsync(ct));

    private async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct)
    {
        if (_zone is not null) return _zone;
        var id = tenant.OrganizationId is { } org
            ? await db.Organizations.Where(o => o.Id == org).Select(o => o.TimeZone).FirstOrDefaultAsync(ct)
            : null;
        return _zone = TimeZones.Find(id) ?? TimeZones.Find(TimeZones.DefaultId)!;
    }
}

/// <summary>IANA time zones as organizations use them: the default, lookup, and the zone of a QBO company's address.</summary>
public static class TimeZones
{
    /// <summary>Where a new organization starts until it connects QuickBooks or an owner picks another zone.</summary>
    public const string DefaultId = "America/Los_Angeles";

    public static TimeZoneInfo? Find(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;

    public static DateOnly Today(DateTime utcNow, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), zone));

    /// <summary>The zones offered on the settings page: the US and Canadian ones builders use, then the rest.</summary>
    public static IReadOnlyList<string> Offered { get; } =
        ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix", "America/Los_Angeles", "America/Anchorage",
         "Pacific/Honolulu", "America/Puerto_Rico", "America/Halifax", "America/Toronto", "America/Winnipeg", "America/Edmonton",
         "America/Vancouver", "Europe/London", "Australia/Sydney", "UTC"];

    /// <summary>The main zone of a US state (the QBO company's address), or null when the state is not known.</summary>
    public static string? ForUsState(string? state) => state?.Trim().ToUpperInvariant() switch
    {
        "CT" or "DE" or "DC" or "FL" or "GA" or "IN" or "ME" or "MD" or "MA" or "MI" or "NH" or "NJ" or "NY" or "NC" or "OH" or "PA"
            or "RI" or "SC" or "VT" or "VA" or "WV" or "KY" => "America/New_York",
        "AL" or "AR" or "IL" or "IA" or "KS" or "LA" or "MN" or "MS" or "MO" or "NE" or "ND" or "OK" or "SD" or "TN" or "TX" or "WI" => "America/Chicago",
        "CO" or "ID" or "MT" or "NM" or "UT" or "WY" => "America/Denver",
        "AZ" => "America/Phoenix",
        "CA" or "NV" or "OR" or "WA" => "America/Los_Angeles",
        "AK" => "America/Anchorage",
        "HI" => "Pacific/Honolulu",
        "PR" => "America/Puerto_Rico",
        _ => null,
    };
}
