using Groundwork.Web.Data;
using Groundwork.Web.Features.CostCodes;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Mappings;

/// <summary>
/// Autofill: every unmapped cost code whose name matches exactly one active item (<see cref="NameMatch"/>) is mapped, in
/// one batch that can be undone as a whole. Near matches and several items with the same name are suggestions only: a
/// person accepts them, one by one or all at once; ambiguous ones are never guessed.
/// </summary>
public sealed class CostCodeAutofill(GroundworkDbContext db, QboLists lists, CostCodeMappings mappings) : IUseCase
{
    /// <summary>Cost codes one run looks at; a second run continues with the rest.</summary>
    public const int MaxCostCodes = 10_000;
    /// <summary>Suggestions listed in one answer; the total says how many there are.</summary>
    public const int MaxSuggestionsShown = 200;
    public const int MaxCandidates = 3;
    /// <summary>Cost code ids one accept request may name.</summary>
    public const int MaxAccept = 2_000;

    private sealed record Candidate(string QboId, string Name, string Key);

    public async Task<Outcome<AutofillDto>> AutofillAsync(CancellationToken ct)
    {
        var connection = await mappings.ConnectionAsync(ct);
        if (!connection.IsOk) return connection.As<long, AutofillDto>();
        var (unmapped, index) = await LoadAsync(connection.Value, ct);
        var batchId = Guid.NewGuid().ToString("D");
        var mapped = new List<CostCodeMappingDto>();
        var suggestions = new List<SuggestionDto>();
        foreach (var code in unmapped)
        {
            var (exact, suggestion) = Match(code, index);
            if (exact is not null)
            {
                Link(connection.Value, code.Id, exact, QboLinkSource.Autofill, batchId);
                mapped.Add(new(code.Id, code.Number, code.Name, exact.QboId, exact.Name, "autofill", "active"));
            }
            else if (suggestion is not null)
            {
                suggestions.Add(suggestion);
            }
        }
        if (mapped.Count > 0 && !await mappings.TrySaveAsync(ct)) return Outcome<AutofillDto>.Conflict(CostCodeMappings.ConflictMessage);
        return Outcome<AutofillDto>.Ok(new(mapped.Count > 0 ? batchId : null, mapped, [.. suggestions.Take(MaxSuggestionsShown)], suggestions.Count));
    }

    /// <summary>Unmaps what the run mapped and still stands: a cost code changed by hand since is kept.</summary>
    public async Task<Outcome<UndoAutofillDto>> UndoAsync(string batchId, CancellationToken ct)
    {
        if (!Guid.TryParseExact(batchId, "D", out _)) return Outcome<UndoAutofillDto>.Invalid("BatchId", "An Autofill batch id is the GUID the Autofill answered.");
        var connection = await mappings.ConnectionAsync(ct);
        if (!connection.IsOk) return connection.As<long, UndoAutofillDto>();
        var connectionId = connection.Value;
        var removed = await db.QboLinks
            .Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.CostCode && l.Source == QboLinkSource.Autofill && l.BatchId == batchId)
            .ExecuteDeleteAsync(ct);
        return removed == 0
            ? Outcome<UndoAutofillDto>.NotFound("No mapping from that Autofill run is left to undo.")
            : Outcome<UndoAutofillDto>.Ok(new(batchId, removed));
    }

    /// <param name="only">The cost codes to suggest for (a page of the mapping table), so a page view costs what it shows; null: all.</param>
    public async Task<Outcome<SuggestionsDto>> SuggestionsAsync(CancellationToken ct, IReadOnlyCollection<long>? only = null)
    {
        var connection = await mappings.ConnectionAsync(ct);
        if (!connection.IsOk) return connection.As<long, SuggestionsDto>();
        var (unmapped, index) = await LoadAsync(connection.Value, ct, only);
        var all = unmapped.Select(c => Match(c, index).Suggestion).OfType<SuggestionDto>().ToList();
        return Outcome<SuggestionsDto>.Ok(new([.. all.Take(MaxSuggestionsShown)], all.Count));
    }

    /// <summary>Applies the best candidate of each named (or every) suggestion; ambiguous ones are skipped with the reason.</summary>
    public async Task<Outcome<AcceptDto>> AcceptAsync(AcceptSuggestionsInput input, CancellationToken ct)
    {
        var ids = input.CostCodeIds ?? [];
        var all = input.All == true;
        if (all == (ids.Length > 0)) return Outcome<AcceptDto>.Invalid("CostCodeIds", "Name the cost codes whose suggestions to accept, or send \"all\": true (not both).");
        if (ids.Length > MaxAccept) return Outcome<AcceptDto>.Invalid("CostCodeIds", $"At most {MaxAccept} cost codes at a time.");
        if (ids.Any(id => id <= 0)) return Outcome<AcceptDto>.Invalid("CostCodeIds", "Cost code ids are positive numbers.");
        var connection = await mappings.ConnectionAsync(ct);
        if (!connection.IsOk) return connection.As<long, AcceptDto>();
        var (unmapped, index) = await LoadAsync(connection.Value, ct);
        var wanted = ids.ToHashSet();
        var targets = all ? unmapped : [.. unmapped.Where(c => wanted.Contains(c.Id))];
        var skipped = wanted.Except(targets.Select(c => c.Id)).Select(id => new SkippedDto(id, "No unmapped cost code with this id.")).ToList();
        var mapped = new List<CostCodeMappingDto>();
        foreach (var code in targets)
        {
            var (exact, suggestion) = Match(code, index);
            var best = exact ?? (suggestion is { Ambiguous: false, Candidates: [var first, ..] } ? new Candidate(first.QboItemId, first.QboItemName, "") : null);
            if (best is null)
            {
                if (!all || suggestion is not null) skipped.Add(new(code.Id, suggestion is null ? "No suggestion for this cost code." : "Several items match equally well; choose one in the cost code's row."));
                continue;
            }
            Link(connection.Value, code.Id, best, QboLinkSource.Manual, null);
            mapped.Add(new(code.Id, code.Number, code.Name, best.QboId, best.Name, "manual", "active"));
        }
        if (mapped.Count > 0 && !await mappings.TrySaveAsync(ct)) return Outcome<AcceptDto>.Conflict(CostCodeMappings.ConflictMessage);
        return Outcome<AcceptDto>.Ok(new(mapped, skipped));
    }

    private async Task<(List<CostCode> Unmapped, NameIndex<Candidate> Index)> LoadAsync(long connectionId, CancellationToken ct, IReadOnlyCollection<long>? only = null)
    {
        var mapped = db.QboLinks.Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.CostCode).Select(l => l.LocalId);
        var codes = db.CostCodes.AsNoTracking().Where(c => !mapped.Contains(c.Id));
        if (only is not null) codes = codes.Where(c => only.Contains(c.Id));
        var unmapped = await codes
            .OrderBy(c => c.Number).ThenBy(c => c.Id).Take(MaxCostCodes).ToListAsync(ct);
        // Inactive items are never offered for a new mapping, so they are not even candidates.
        var items = await lists.Entries(connectionId, QboListType.Item).Where(e => e.Active)
            .Select(e => new { e.QboId, e.Name, e.NameKey }).ToListAsync(ct);
        return (unmapped, new NameIndex<Candidate>(items.Select(i => new Candidate(i.QboId, i.Name, i.NameKey)), c => c.Key));
    }

    private static (Candidate? Exact, SuggestionDto? Suggestion) Match(CostCode code, NameIndex<Candidate> index)
    {
        var exact = index.Exact(NameMatch.CostCodeKeys(code.Number, code.Name));
        if (exact.Count == 1) return (exact[0], null);
        if (exact.Count > 1)
        {
            return (null, new SuggestionDto(code.Id, code.Number, code.Name, true,
                [.. exact.OrderBy(e => e.Name, StringComparer.Ordinal).Take(MaxCandidates).Select(e => new ItemCandidateDto(e.QboId, e.Name, 1.0))]));
        }
        var near = index.Near([$"{code.Number} {code.Name}", code.Name], MaxCandidates);
        if (near.Count == 0) return (null, null);
        // Two candidates as good as each other would be a guess.
        var ambiguous = near.Count > 1 && near[0].Score.Equals(near[1].Score);
        return (null, new SuggestionDto(code.Id, code.Number, code.Name, ambiguous, [.. near.Select(n => new ItemCandidateDto(n.Item.QboId, n.Item.Name, n.Score))]));
    }

    private void Link(long connectionId, long costCodeId, Candidate item, QboLinkSource source, string? batchId)
    {
        var link = new QboLink { ConnectionId = connectionId, Kind = LinkedKind.CostCode, LocalId = costCodeId, Source = source, BatchId = batchId };
        link.PointAt(CostCodeMappings.ItemType, item.QboId, item.Name);
        db.Add(link);
    }
}
