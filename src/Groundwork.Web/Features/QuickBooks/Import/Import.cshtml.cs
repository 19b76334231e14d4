using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.Import;

/// <summary>Settings → Integrations → QuickBooks → Import: Accountants see what can be imported, Owner/Admin import.</summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class ImportModel(ImportCandidates candidates) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Not "page": that name is Razor Pages' own route value.</summary>
    [BindProperty(SupportsGet = true)] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true)] public bool Refresh { get; set; }

    public ImportPageDto? List { get; private set; }
    public ImportResultDto? Result { get; private set; }
    public string KindValue => ImportPlan.TryParseKind(Kind, out var k) ? ImportCandidates.Kind(k) : "customer";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSelectedAsync([FromForm] List<string>? qboIds, [FromServices] ImportFromQuickBooks import, CancellationToken ct) =>
        await RunAsync(import, new ImportRequest { Kind = KindValue, QboIds = qboIds ?? [] }, ct);

    public async Task<IActionResult> OnPostAllAsync([FromServices] ImportFromQuickBooks import, CancellationToken ct) =>
        await RunAsync(import, new ImportRequest { Kind = KindValue, All = true }, ct);

    private async Task<IActionResult> RunAsync(ImportFromQuickBooks import, ImportRequest request, CancellationToken ct)
    {
        var outcome = await import.HandleAsync(request, ct);
        if (outcome.IsOk) Result = outcome.Value;
        else ModelState.AddOutcome(outcome, prefix: "");
        Refresh = false;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var outcome = await candidates.PageAsync(new ImportQuery { Kind = KindValue, Q = Q, Page = PageNumber, PageSize = 50, Refresh = Refresh }, ct);
        if (outcome.IsOk) List = outcome.Value;
        else ModelState.AddOutcome(outcome, prefix: "");
    }

    public string Link(string kind, int pageNumber) =>
        $"/Settings/Integrations/QuickBooks/Import?kind={kind}&pageNumber={pageNumber}" + (string.IsNullOrWhiteSpace(Q) ? "" : "&q=" + Uri.EscapeDataString(Q));
}
