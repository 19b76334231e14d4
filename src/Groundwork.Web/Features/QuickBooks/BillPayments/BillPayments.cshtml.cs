using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.BillPayments;

/// <summary>Settings → Integrations → QuickBooks → Bill payments: Accountants read, Owner/Admin choose the account.</summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class BillPaymentsModel(BillPaymentAccounts accounts) : PageModel
{
    public BillPaymentAccountView? View { get; private set; }

    [BindProperty]
    public BillPaymentAccountInput Input { get; set; } = new();

    public async Task OnGetAsync(bool refresh, CancellationToken ct) => View = (await accounts.GetAsync(refresh, ct)).Value;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await accounts.HandleAsync(Input, ct);
        if (outcome.IsOk)
        {
            TempData["Flash"] = outcome.Value!.Waiting == 0 ? "Bill payment account saved." : "Bill payment account saved; waiting bill payments are being sent.";
            return RedirectToPage();
        }
        ModelState.AddOutcome(outcome);
        View = (await accounts.GetAsync(false, ct)).Value;
        return Page();
    }
}
