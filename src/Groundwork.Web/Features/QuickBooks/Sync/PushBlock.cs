using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// A pre-flight problem that is the company's, not one document's (<see cref="PushChecks.Readiness"/>, such as no tax agency,
/// or <see cref="PushChecks.DefaultItem"/>): the same code, words and fix the push would store on each document it holds back.
/// </summary>
/// <param name="Documents">How many of the documents in Unsynced Records it holds back.</param>
/// <param name="Total">How many documents Unsynced Records lists (payments not counted).</param>
public sealed record PushBlocked(string Code, string Message, string? Fix, string? FixUrl, string? FixLabel, int Documents, int Total)
{
    /// <summary>It holds back every document listed: Push All would fail each one for this one reason, so it is refused.</summary>
    public bool All => Documents == Total;

    /// <summary>
    /// Push All is refused (and its button disabled): the problem holds back every document, and it is the mapping's, or the
    /// readiness checklist's checked within <see cref="PushEngine.ReadinessMaxAge"/> — an older finding is not trusted for that
    /// (the tax agency may have been set up since): the run goes, and the drain checks readiness again first.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool RefusesPushAll { get; init; }

    /// <summary>Push All's refusal, in words.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Refusal => $"Push All not started: every document would be held back. {Message} {Fix}";

    /// <summary>The refusal's problem members for the API: the pre-flight's code and where it is fixed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Dictionary<string, object?> Extensions => new() { ["code"] = Code, ["fix"] = Fix, ["fixUrl"] = FixUrl };
}

/// <summary><c>GET unsynced</c>'s answer: the page of records as before, and the company-wide problem (null when none).</summary>
public sealed record UnsyncedPageDto(IReadOnlyList<UnsyncedRow> Items, int Page, int PageSize, int Total, PushBlocked? Blocked);

/// <summary>
/// Finds the company-wide problem holding back documents in Unsynced Records, said once at the top of the list and refusing a
/// Push All that would fail every document. The rules are <see cref="PushChecks"/>' own; this only counts whom they hold back.
/// Reads the database only (no QBO call).
/// </summary>
public sealed class PushBlock(GroundworkDbContext db, PushPlanner planner, UnsyncedRecords unsynced, AppClock clock)
{
    public async Task<PushBlocked?> FindAsync(CancellationToken ct) =>
        await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct) is { } connection ? await FindAsync(connection, ct) : null;

    public async Task<PushBlocked?> FindAsync(QboConnection connection, CancellationToken ct)
    {
        var documents = unsynced.Query(connection.Id);
        var total = await documents.CountAsync(ct);
        if (total == 0) return null;
        // No sales tax code is looked up (a QBO call): neither company-wide check depends on it.
        var settings = await planner.SettingsAsync(connection, salesTaxCodeId: null, ct);
        if (PushChecks.Readiness(settings.Readiness) is { } readiness)
        {
            var fresh = connection.ReadinessCheckedAtUtc is { } checkedAt && clock.UtcNow - checkedAt <= PushEngine.ReadinessMaxAge;
            return From(readiness, total, total) with { RefusesPushAll = fresh };
        }
        if (settings.DefaultItemUsable) return null;
        var ids = documents.Select(d => d.Id);
        var lines = await db.DocumentLines.AsNoTracking().Where(l => ids.Contains(l.DocumentId))
            .Select(l => new { l.DocumentId, l.CostCodeId }).Distinct().ToListAsync(ct);
        var held = lines.Where(l => PushChecks.UsesDefaultItem(l.CostCodeId, settings.CostCodeItems)).Select(l => l.DocumentId).Distinct().Count();
        return PushChecks.DefaultItem(usable: false, needed: held > 0) is { } problem ? From(problem, held, total) with { RefusesPushAll = held == total } : null;
    }

    private static PushBlocked From(PushProblem problem, int held, int total) =>
        new(problem.Code, problem.Message, problem.Fix, problem.FixUrl, problem.FixLabel, held, total);
}
