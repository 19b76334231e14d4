using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Classes;

/// <summary>Settings → Integrations → QuickBooks → Class Mapping: Accountants read, Owners/Admins map.</summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class ClassesModel(ClassMapping mapping, QboLists lists, GroundworkDbContext db) : PageModel
{
    public const int PageSize = 50;
    /// <summary>Most classes offered in a select; QBO companies have far fewer.</summary>
    public const int MaxClasses = 1000;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>Not “Page”: that name is Razor Pages' own route value.</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")]
    public int? PageNumber { get; set; }

    public CostTypeClassPage? Mappings { get; private set; }
    public IReadOnlyList<QboListEntry> Classes { get; private set; } = [];
    public string? NotConnected { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(refresh: false, ct);

    public async Task<IActionResult> OnPostSaveAsync(long costTypeId, string? qboClassId, CancellationToken ct)
    {
        var outcome = await mapping.SetAsync(costTypeId, new CostTypeClassInput { QboClassId = string.IsNullOrEmpty(qboClassId) ? null : qboClassId }, ct);
        if (!outcome.IsOk)
        {
            ModelState.AddOutcome(outcome, prefix: "");
            await LoadAsync(refresh: false, ct);
            return Page();
        }
        var change = outcome.Value!;
        var what = change.Mapping.QboClassName is { } name ? $"{change.Mapping.Name} is mapped to the class “{name}”." : $"{change.Mapping.Name} is no longer mapped to a class.";
        var used = change.SyncedDocumentsUsingPrevious.Count;
        TempData["Flash"] = used == 0 ? what
            : $"{what} {used} synced document{(used == 1 ? "" : "s")} used “{change.Previous?.QboClassName}” and keep{(used == 1 ? "s" : "")} it in QuickBooks: "
              + string.Join(", ", change.SyncedDocumentsUsingPrevious.Documents.Select(d => d.Number)) + (used > change.SyncedDocumentsUsingPrevious.Documents.Count ? ", …" : "") + ".";
        return RedirectToPage(new { q = Q, pageNumber = PageNumber });
    }

    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        var snapshot = await lists.GetAsync(QboListType.Class, refresh: true, ct);
        if (!snapshot.IsOk)
        {
            ModelState.AddOutcome(snapshot, prefix: "");
            await LoadAsync(refresh: false, ct);
            return Page();
        }
        TempData["Flash"] = $"Classes read from QuickBooks: {snapshot.Value!.Count}.";
        return RedirectToPage(new { q = Q, pageNumber = PageNumber });
    }

    public string PageLink(int target)
    {
        var query = new Microsoft.AspNetCore.Http.Extensions.QueryBuilder { { "pageNumber", target.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        if (!string.IsNullOrEmpty(Q)) query.Add("q", Q);
        return Path + query.ToQueryString().Value;
    }

    public const string Path = "/Settings/Integrations/QuickBooks/Classes";

    private async Task LoadAsync(bool refresh, CancellationToken ct)
    {
        var outcome = await mapping.ListAsync(new ListQuery { Q = Q, Page = PageNumber, PageSize = PageSize }, refresh, ct);
        if (!outcome.IsOk)
        {
            NotConnected = outcome.Message;
            return;
        }
        Mappings = outcome.Value;
        var connection = await db.QboConnections.AsNoTracking().FirstAsync(ct);
        Classes = await lists.Entries(connection.Id, QboListType.Class)
            .OrderByDescending(c => c.Active).ThenBy(c => c.NameKey).ThenBy(c => c.QboId).Take(MaxClasses).ToListAsync(ct);
    }
}
