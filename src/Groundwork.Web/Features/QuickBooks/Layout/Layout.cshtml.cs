using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.Layout;

/// <summary>Settings → Integrations → QuickBooks → Customer layout: Accountants read, Owner/Admin change.</summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class LayoutModel(SetCustomerLayout layouts) : PageModel
{
    public CustomerLayoutView? View { get; private set; }

    [BindProperty]
    public CustomerLayoutInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await layouts.HandleAsync(Input, ct);
        if (outcome.IsOk)
        {
            TempData["Flash"] = "Customer layout saved.";
            return RedirectToPage();
        }
        ModelState.AddOutcome(outcome);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var outcome = await layouts.GetAsync(ct);
        View = outcome.Value;
        if (View is not null && string.IsNullOrEmpty(Input.Layout)) Input.Layout = View.Layout;
    }
}
