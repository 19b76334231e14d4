using System.Globalization;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Items;

/// <summary>
/// Products/Services Mapping → Create missing items: the unmapped cost codes with the names QBO would accept (problems
/// shown, fixes pre-filled, every name editable), created in one click. Accountants see it read-only.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class CreateItemsModel(CreateMissingItems create, GroundworkDbContext db) : PageModel
{
    public const string Path = "/Settings/Integrations/QuickBooks/Products/Create";
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Not “Page”: that name is Razor Pages' own route value.</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int? PageNumber { get; set; }

    [BindProperty] public List<long> Selected { get; set; } = [];
    [BindProperty] public Dictionary<long, string?> Names { get; set; } = [];
    [BindProperty] public string Type { get; set; } = "Service";
    [BindProperty] public string? IncomeAccountId { get; set; }
    [BindProperty] public string? ExpenseAccountId { get; set; }

    public ItemsPreview? Preview { get; private set; }
    public int Total { get; private set; }
    public int CurrentPage { get; private set; } = 1;
    public List<CreatedItemResult>? Results { get; private set; }
    public Dictionary<long, string> CostCodeNames { get; } = [];
    public string? NotConnected { get; private set; }
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (Selected.Count == 0) ModelState.AddModelError("", "Select at least one cost code.");
        else
        {
            var request = new CreateItemsRequest
            {
                CostCodeIds = Selected, Type = Type, IncomeAccountId = NullIfEmpty(IncomeAccountId), ExpenseAccountId = NullIfEmpty(ExpenseAccountId),
                Names = Selected.Distinct().Take(CreateMissingItems.MaxCostCodes).Where(Names.ContainsKey)
                    .ToDictionary(id => id.ToString(CultureInfo.InvariantCulture), id => (string?)(Names[id] ?? "")),
            };
            var outcome = await create.CreateAsync(request, ct);
            if (outcome.IsOk) Results = outcome.Value;
            else ModelState.AddOutcome(outcome, prefix: "");
        }
        await LoadAsync(ct);
        if (Results is not null)
        {
            foreach (var code in await db.CostCodes.AsNoTracking().Where(c => Selected.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.Name }).ToListAsync(ct))
            {
                CostCodeNames[code.Id] = $"{code.Number} {code.Name}";
            }
        }
        return Page();
    }

    /// <summary>Reads the item and account lists again, so names QuickBooks gained since are checked too.</summary>
    public async Task<IActionResult> OnPostRefreshAsync([FromServices] Lists.QboLists lists, CancellationToken ct)
    {
        foreach (var list in new[] { Lists.QboListType.Item, Lists.QboListType.Account })
        {
            var snapshot = await lists.GetAsync(list, refresh: true, ct);
            if (snapshot.IsOk) continue;
            ModelState.AddOutcome(snapshot, prefix: "");
            await LoadAsync(ct);
            return Page();
        }
        TempData["Flash"] = "Products/Services and accounts read from QuickBooks.";
        return RedirectToPage(new { q = Q, pageNumber = PageNumber });
    }

    public string PageLink(int target)
    {
        var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder { { "pageNumber", target.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        if (!string.IsNullOrEmpty(Q)) query.Add("q", Q);
        return Path + query.ToQueryString().Value;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private async Task LoadAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null)
        {
            NotConnected = "QuickBooks is not connected.";
            return;
        }
        var paging = new ListQuery { Q = Q, Page = PageNumber, PageSize = PageSize };
        var mapped = db.QboLinks.Where(l => l.ConnectionId == connection.Id && l.Kind == LinkedKind.CostCode).Select(l => l.LocalId);
        var unmapped = db.CostCodes.AsNoTracking().Where(c => !mapped.Contains(c.Id));
        if (paging.Term is { } term)
        {
            var upper = term.ToUpperInvariant();
            unmapped = unmapped.Where(c => c.Number.ToUpper().Contains(upper) || c.Name.ToUpper().Contains(upper));
        }
        Total = await unmapped.CountAsync(ct);
        CurrentPage = paging.SafePage;
        var ids = await unmapped.OrderBy(c => c.Number).ThenBy(c => c.Id).Skip(paging.Skip).Take(paging.SafePageSize).Select(c => c.Id).ToListAsync(ct);
        if (ids.Count == 0) return;
        var outcome = await create.PreviewAsync(new ItemsPreviewRequest { CostCodeIds = ids }, ct);
        if (outcome.IsOk) Preview = outcome.Value;
        else NotConnected = outcome.Message;
    }
}
