using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>The dry run of a push: each document's plan, and how many would go and how many are held back; the name of the
/// QuickBooks sales tax code a taxed invoice would name (null when none or unnamed).</summary>
public sealed record PushPreviewDto(int Total, int Ready, int Refused, bool Truncated, IReadOnlyList<PushPlan> Documents, string? TaxCodeName);

/// <summary>
/// <c>GET preview</c>: what a push would create or link in QuickBooks and what it would refuse, with nothing written
/// anywhere. It is the push's own plan (<see cref="PushPlanner"/>), so the preview cannot promise what the push does not do.
/// </summary>
public sealed class PushPreview(GroundworkDbContext db, PushPlanner planner, UnsyncedRecords unsynced, QboCompanyCalls calls) : IUseCase
{
    /// <summary>Most documents planned in one preview; the counts still cover every one.</summary>
    public const int MaxShown = 200;

    public async Task<Outcome<PushPreviewDto>> HandleAsync(string? documentIds, bool all, CancellationToken ct)
    {
        var ids = new List<long>();
        if (!all)
        {
            foreach (var part in (documentIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
                    return Outcome<PushPreviewDto>.Invalid("documentIds", "documentIds is a comma-separated list of document ids.");
                ids.Add(id);
            }
            if (ids.Count == 0) return Outcome<PushPreviewDto>.Invalid("documentIds", "Send documentIds=1,2,… or all=true.");
            if (ids.Count > StartPush.MaxDocuments) return Outcome<PushPreviewDto>.Invalid("documentIds", $"At most {StartPush.MaxDocuments:N0} documents.");
        }
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<PushPreviewDto>.NotFound("QuickBooks is not connected.");
        if (all) ids = await unsynced.Query(connection.Id).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        else
        {
            // The push's own rule for named documents: an unknown id (or another organization's) is refused, never counted.
            // A draft is planned (what it would become) but not counted as ready: the push takes it once finalized.
            ids = ids.Distinct().ToList();
            if ((await StartPush.ChosenAsync(db, ids, finalizedOnly: false, ct)).Refused is { } refused) return Outcome<PushPreviewDto>.Invalid("documentIds", refused);
        }
        QboTaxCode? taxCode;
        try
        {
            taxCode = await SalesTaxCode.FindCodeAsync(calls, connection, ct, maxAttempts: 2, maxWait: TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is QboException or QboNotConnectedException)
        {
            return Outcome<PushPreviewDto>.Conflict(ex is QboException q ? Connection.CheckReadiness.Unanswered(q) : ex.Message);
        }
        var settings = await planner.SettingsAsync(connection, taxCode?.Id, ct);
        var ready = 0;
        var shown = new List<PushPlan>();
        foreach (var chunk in ids.Chunk(200))
        {
            var plans = await planner.PlanAsync(connection, settings, chunk, ct);
            ready += plans.Values.Count(p => p.CanPush && p.Finalized);
            shown.AddRange(plans.Values.OrderBy(p => p.DocumentId).Take(MaxShown - shown.Count));
        }
        return Outcome<PushPreviewDto>.Ok(new PushPreviewDto(ids.Count, ready, ids.Count - ready, ids.Count > shown.Count, shown, taxCode?.Name));
    }
}
