using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// Settings → Integrations → QuickBooks → Credit memos: credit memos made in QuickBooks for linked customers, each with
/// "Create the offsetting negative invoice" (the brief's practice). Accountants read; Owner/Admin create.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class CreditMemosModel(CreditMemosAwaiting awaiting, OffsetCreditMemo offset) : PageModel
{
    public const string Path = "/Settings/Integrations/QuickBooks/CreditMemos";

    public IReadOnlyList<CreditMemoAwaitingDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await awaiting.ListAsync(ct);

    public async Task<IActionResult> OnPostOffsetAsync(long id, long? jobId, CancellationToken ct)
    {
        var outcome = await offset.HandleAsync(id, jobId, ct);
        if (outcome.IsOk)
        {
            TempData["Flash"] = $"Negative invoice {outcome.Value!.Number} made for {Documents.DocumentMath.Format(outcome.Value.TotalCents)}; it offsets the credit memo and is linked to it.";
            return Redirect($"/invoices/{outcome.Value.InvoiceId}");
        }
        ModelState.AddOutcome(outcome);
        Items = await awaiting.ListAsync(ct);
        return Page();
    }
}
