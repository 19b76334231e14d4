using System.Text.Json;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Features.Shared;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Mappings;

/// <summary>
/// Settings → Integrations → QuickBooks → Products/Services Mapping: the default item, Autofill and its suggestions, and
/// every cost code (paged, searched) with its item. Accountants read; only Owner/Admin post.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class ProductsModel(GroundworkDbContext db, CostCodeMappings mappings, CostCodeAutofill autofill, QboLists lists) : PageModel
{
    public const int PageSize = 50;
    /// <summary>Items in the page's list of choices: the first ones by name, or those matching the item search, plus the page's exact matches.</summary>
    public const int ItemChoices = 200;
    public const int SuggestionsShown = 50;
    private const string ChangeKey = "MappingChange";

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Not "Page": that name is the route value of every Razor page.</summary>
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }
    /// <summary>The Autofill run to report (after Autofill), with its undo button.</summary>
    [BindProperty(SupportsGet = true)] public string? Batch { get; set; }
    [BindProperty(SupportsGet = true)] public string? ItemSearch { get; set; }

    public bool Connected { get; private set; }
    public CostCodeMappingPageDto? Mappings { get; private set; }
    public SuggestionsDto? Suggestions { get; private set; }
    public IReadOnlyList<QboListEntry> ItemOptions { get; private set; } = [];
    public IReadOnlyList<CostCodeMappingDto> AutofillReport { get; private set; } = [];
    public MappingChangeDto? Change { get; private set; }
    public DateTime? ItemsReadAtUtc { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => PageAsync(ct);

    public async Task<IActionResult> OnPostDefaultItemAsync([FromForm(Name = "defaultItem")] string? defaultItem, CancellationToken ct)
    {
        var id = await ItemIdAsync(defaultItem, ct);
        var outcome = id.IsOk ? await mappings.SetDefaultAsync(id.Value, ct) : id.As<string, DefaultItemDto>();
        return outcome.IsOk ? Done($"The default Product/Service is now {outcome.Value!.QboItemName}.") : await RefusedAsync(outcome, "defaultItem", ct);
    }

    public async Task<IActionResult> OnPostMapAsync([FromForm] long costCodeId, [FromForm] string? item, CancellationToken ct)
    {
        var connection = await mappings.ConnectionAsync(ct);
        if (!connection.IsOk) return await RefusedAsync(connection, "", ct);
        Outcome<MappingChangeDto> outcome;
        if (string.IsNullOrWhiteSpace(item))
        {
            outcome = await mappings.MapAsync(costCodeId, null, ct);
        }
        else
        {
            var id = await ItemIdAsync(item, ct);
            outcome = id.IsOk ? await mappings.MapAsync(costCodeId, id.Value, ct) : id.As<string, MappingChangeDto>();
        }
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound(); // the cost code: the connection was checked above
        if (!outcome.IsOk) return await RefusedAsync(outcome, $"mapping-{costCodeId}", ct);
        TempData[ChangeKey] = JsonSerializer.Serialize(outcome.Value);
        var m = outcome.Value!.Mapping;
        return Done(m.QboItemId is null ? $"{m.Number} {m.Name} is no longer mapped." : $"{m.Number} {m.Name} now uses {m.QboItemName}.");
    }

    public async Task<IActionResult> OnPostAutofillAsync(CancellationToken ct)
    {
        var outcome = await autofill.AutofillAsync(ct);
        if (!outcome.IsOk) return await RefusedAsync(outcome, "", ct);
        var run = outcome.Value!;
        TempData["Flash"] = $"Autofill mapped {Counted.Of(run.Mapped.Count, "cost code")}; {Counted.Of(run.SuggestionTotal, "suggestion")} {(run.SuggestionTotal == 1 ? "waits" : "wait")} for you below.";
        return RedirectToPage(new { q = Q, pageNumber = PageNumber, batch = run.BatchId });
    }

    public async Task<IActionResult> OnPostUndoAutofillAsync([FromForm(Name = "batchId")] string? batchId, CancellationToken ct)
    {
        var outcome = await autofill.UndoAsync(batchId ?? "", ct);
        return outcome.IsOk ? Done($"Autofill undone: {Counted.Of(outcome.Value!.Unmapped, "cost code")} unmapped.", keepBatch: false) : await RefusedAsync(outcome, "", ct);
    }

    public async Task<IActionResult> OnPostAcceptAsync([FromForm] long costCodeId, CancellationToken ct) =>
        await AcceptedAsync(await autofill.AcceptAsync(new AcceptSuggestionsInput { CostCodeIds = [costCodeId] }, ct), ct);

    public async Task<IActionResult> OnPostAcceptAllAsync(CancellationToken ct) =>
        await AcceptedAsync(await autofill.AcceptAsync(new AcceptSuggestionsInput { All = true }, ct), ct);

    public async Task<IActionResult> OnPostRefreshItemsAsync(CancellationToken ct)
    {
        var outcome = await lists.GetAsync(QboListType.Item, refresh: true, ct);
        return outcome.IsOk ? Done($"Read {outcome.Value!.Count} Products/Services from QuickBooks.") : await RefusedAsync(outcome, "", ct);
    }

    private async Task<IActionResult> AcceptedAsync(Outcome<AcceptDto> outcome, CancellationToken ct)
    {
        if (!outcome.IsOk) return await RefusedAsync(outcome, "", ct);
        var skipped = outcome.Value!.Skipped;
        return Done($"Accepted {Counted.Of(outcome.Value.Mapped.Count, "suggestion")}." + (skipped.Count == 0 ? "" : $" Skipped {skipped.Count}: {skipped[0].Reason}"));
    }

    private async Task<Outcome<string>> ItemIdAsync(string? text, CancellationToken ct)
    {
        var connection = await mappings.ConnectionAsync(ct);
        Connected = connection.IsOk;
        if (!connection.IsOk) return connection.As<long, string>();
        return await mappings.ItemIdFromTextAsync(connection.Value, text ?? "", ct);
    }

    private RedirectToPageResult Done(string flash, bool keepBatch = true)
    {
        TempData["Flash"] = flash;
        return RedirectToPage(new { q = Q, pageNumber = PageNumber, batch = keepBatch ? Batch : null, itemSearch = ItemSearch });
    }

    /// <summary>The refusal shown on the form it came from; the page is shown again as it was.</summary>
    private async Task<IActionResult> RefusedAsync<T>(Outcome<T> outcome, string field, CancellationToken ct)
    {
        var messages = outcome.Kind == OutcomeKind.Invalid ? outcome.Errors.SelectMany(e => e.Value) : [outcome.Message ?? "The change was refused."];
        foreach (var message in messages) ModelState.AddModelError(field, message);
        return await PageAsync(ct);
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        Connected = connection is not null;
        if (connection is null) return Page();
        var list = await mappings.ListAsync(new ListQuery { Q = Q, Page = PageNumber, PageSize = PageSize }, ct);
        if (!list.IsOk)
        {
            ModelState.AddModelError("", list.Message ?? "QuickBooks' Products/Services could not be read.");
            return Page();
        }
        Mappings = list.Value;
        PageNumber = Mappings!.Page;
        // Suggestions for the rows on this page: a page view costs what it shows, however many cost codes there are.
        var suggestions = await autofill.SuggestionsAsync(ct, [.. Mappings.Items.Select(r => r.CostCodeId)]);
        Suggestions = suggestions.IsOk ? suggestions.Value : null;
        ItemOptions = await ItemOptionsAsync(connection.Id, Mappings.Items, ct);
        AutofillReport = await ReportAsync(connection.Id, ct);
        ItemsReadAtUtc = (await db.Set<QboListRefresh>().AsNoTracking().FirstOrDefaultAsync(r => r.ConnectionId == connection.Id && r.List == QboListType.Item, ct))?.RefreshedAtUtc;
        if (TempData[ChangeKey] is string change) Change = JsonSerializer.Deserialize<MappingChangeDto>(change);
        return Page();
    }

    /// <summary>Never every item (a company can have thousands): the first by name or the searched ones, plus the page's exact matches.</summary>
    private async Task<List<QboListEntry>> ItemOptionsAsync(long connectionId, IReadOnlyList<CostCodeMappingDto> rows, CancellationToken ct)
    {
        var first = await lists.PageAsync(connectionId, QboListType.Item, ItemSearch, includeInactive: false, 1, ItemChoices, ct);
        var keys = rows.SelectMany(r => NameMatch.CostCodeKeys(r.Number, r.Name)).Distinct().ToList();
        var exact = await lists.Entries(connectionId, QboListType.Item).Where(e => e.Active && keys.Contains(e.NameKey)).Take(ItemChoices).ToListAsync(ct);
        return [.. first.Items.Concat(exact).DistinctBy(e => e.QboId).OrderBy(e => e.NameKey, StringComparer.Ordinal)];
    }

    private async Task<List<CostCodeMappingDto>> ReportAsync(long connectionId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(Batch) || Batch.Length > 36) return [];
        var ids = db.QboLinks.Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.CostCode && l.Source == QboLinkSource.Autofill && l.BatchId == Batch)
            .Select(l => l.LocalId);
        var codes = await db.CostCodes.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Number).ThenBy(c => c.Id).Take(ItemChoices).ToListAsync(ct);
        return await mappings.RowsAsync(connectionId, codes, ct);
    }
}
