using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Names;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// The fix for a document held back by a pre-flight check. A document's sync row keeps only the problem's words and code,
/// so the fix (its page, its suggested rename) is read from the push's own plan (<see cref="PushPlanner"/>): the offer on
/// the page is the planner's, never a second copy of its rules. Reads the database only — no QBO call on a page view.
/// </summary>
public sealed class SyncFixes(GroundworkDbContext db, PushPlanner planner)
{
    /// <summary>Documents planned per call: a page of Unsynced Records at most.</summary>
    public const int Max = 200;

    /// <param name="problems">Document id → the problem code its last push stored (null: none).</param>
    /// <returns>Document id → the plan's problem with that code, for the documents whose plan still has it.</returns>
    public async Task<Dictionary<long, PushProblem>> ForAsync(IReadOnlyDictionary<long, string?> problems, CancellationToken ct)
    {
        var wanted = problems.Where(p => p.Value is not null && !p.Value.StartsWith("qbo-", StringComparison.Ordinal)).Take(Max)
            .ToDictionary(p => p.Key, p => p.Value!);
        if (wanted.Count == 0) return [];
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return [];
        // No sales tax code is looked up (that takes a QBO call): the only check it changes is "no tax code", and a stored
        // "no tax code" was found with the real code list, so matching by the stored code keeps the answer right.
        var settings = await planner.SettingsAsync(connection, salesTaxCodeId: null, ct);
        var plans = await planner.PlanAsync(connection, settings, wanted.Keys.ToList(), ct);
        var fixes = new Dictionary<long, PushProblem>();
        foreach (var (id, code) in wanted)
        {
            if (plans.TryGetValue(id, out var plan) && plan.Problems.FirstOrDefault(p => p.Code == code) is { } problem) fixes[id] = problem;
        }
        return fixes;
    }

    /// <summary>
    /// The pre-flight's name checks alone (<see cref="NameFacts"/>: a colon, a name QuickBooks already uses for another
    /// kind or an inactive record, a name whose records are all linked elsewhere), for documents not pushed yet: Unsynced
    /// Records shows them up front, in the push's words and with its rename, instead of “not pushed yet” until a push fails.
    /// Nothing else of the plan is worked out (no lines, no settings): a page of documents costs a few indexed queries.
    /// </summary>
    /// <returns>Document id → the first name problem its push would stop at.</returns>
    public async Task<Dictionary<long, PushProblem>> NamesAsync(IReadOnlyCollection<long> documentIds, CancellationToken ct)
    {
        if (documentIds.Count == 0) return [];
        var connection = await db.QboConnections.AsNoTracking().Select(c => new { c.Id, c.CustomerLayout }).FirstOrDefaultAsync(ct);
        if (connection is null) return [];
        var documents = await db.Documents.AsNoTracking().Include(d => d.Job!).ThenInclude(j => j.Location!).ThenInclude(l => l.Customer).Include(d => d.Vendor)
            .Where(d => documentIds.Contains(d.Id)).ToListAsync(ct);
        var needs = documents.ToDictionary(d => d.Id, d => PushPlanner.Parties(d, connection.CustomerLayout));
        var names = await NameFacts.LoadAsync(db, connection.Id, [.. needs.Values.SelectMany(n => n).DistinctBy(n => (n.Kind, n.LocalId))], ct);
        var fixes = new Dictionary<long, PushProblem>();
        foreach (var (id, parties) in needs)
        {
            PushProblem? first = null;
            names.PlanAll(parties, p => first ??= p);
            if (first is not null) fixes[id] = first;
        }
        return fixes;
    }

    /// <summary>The rename use case's kind for a problem's name: customers, locations and vendors; a job's name is renamed on the job.</summary>
    public static NameKind? RenameKind(PushProblem problem) => problem.NameKind switch
    {
        LinkedKind.Customer => NameKind.Customer,
        LinkedKind.Location => NameKind.Location,
        LinkedKind.Vendor => NameKind.Vendor,
        _ => null,
    };

    /// <summary>A one-click rename is offered when the plan suggests a name for a record the rename use case can rename.</summary>
    public static bool OffersRename(PushProblem problem) =>
        problem.SuggestedName is not null && problem.NameId is not null && RenameKind(problem) is not null;
}
