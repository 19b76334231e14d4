using Groundwork.Web.Features.QuickBooks.Links;

namespace Groundwork.Web.Features.QuickBooks.Mappings;

/// <summary>
/// A cost code with the QBO item it pushes with. <c>source</c>: manual, autofill, created, or default (unmapped, the
/// default item applies); null when nothing applies. <c>state</c>: the item as last read from QBO (active, inactive,
/// deleted), so a mapping to an item made inactive or removed in QBO is flagged.
/// </summary>
public sealed record CostCodeMappingDto(long CostCodeId, string Number, string Name, string? QboItemId, string? QboItemName, string? Source, string? State)
{
    public bool Flagged => State is "inactive" or "deleted";
}

public sealed record CostCodeMappingPageDto(IReadOnlyList<CostCodeMappingDto> Items, int Page, int PageSize, int Total, DefaultItemDto DefaultItem);

/// <summary>The organization's default Product/Service: what unmapped cost codes push with; pushing needs one.</summary>
public sealed record DefaultItemDto(bool IsSet, string? QboItemId, string? QboItemName, string? State);

/// <summary>Synced documents that used the old mapping: QBO keeps what they were pushed with; Groundwork does not rewrite them.</summary>
public sealed record SyncedUsageDto(int Count, IReadOnlyList<SyncedDocumentUse> Documents);

public sealed record MappingChangeDto(CostCodeMappingDto Mapping, CostCodeMappingDto Previous, SyncedUsageDto SyncedUsage);

/// <summary>A QBO item offered for a cost code, with how alike the names are (1 for an exact match).</summary>
public sealed record ItemCandidateDto(string QboItemId, string QboItemName, double Score);

/// <summary>
/// A suggestion for an unmapped cost code: near matches, or several items with the same name (<c>ambiguous</c>: never
/// guessed; the user picks one). Accepting applies the first candidate, and only when it is not ambiguous.
/// </summary>
public sealed record SuggestionDto(long CostCodeId, string Number, string Name, bool Ambiguous, IReadOnlyList<ItemCandidateDto> Candidates);

public sealed record SuggestionsDto(IReadOnlyList<SuggestionDto> Suggestions, int Total);

public sealed record AutofillDto(string? BatchId, IReadOnlyList<CostCodeMappingDto> Mapped, IReadOnlyList<SuggestionDto> Suggestions, int SuggestionTotal);

public sealed record UndoAutofillDto(string BatchId, int Unmapped);

public sealed record SkippedDto(long CostCodeId, string Reason);

public sealed record AcceptDto(IReadOnlyList<CostCodeMappingDto> Mapped, IReadOnlyList<SkippedDto> Skipped);

public sealed class MapCostCodeInput
{
    public string? QboItemId { get; set; }
}

public sealed class DefaultItemInput
{
    public string? QboItemId { get; set; }
}

public sealed class AcceptSuggestionsInput
{
    public long[]? CostCodeIds { get; set; }
    public bool? All { get; set; }
}

internal static class MappingText
{
    public static string Source(QboLinkSource source) => source switch
    {
        QboLinkSource.Autofill => "autofill",
        QboLinkSource.Created => "created",
        QboLinkSource.Imported => "imported",
        _ => "manual",
    };

    public static string State(Lists.QboListEntry? entry) => entry is null ? "deleted" : entry.Active ? "active" : "inactive";
}
