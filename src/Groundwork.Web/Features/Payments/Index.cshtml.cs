using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Payments;

[PostsRequirePolicy(Account.AccountServiceCollectionExtensions.AccountantPolicy)]
public sealed class IndexModel(GroundworkDbContext db, DeletePayment delete) : PageModel
{
    public IReadOnlyList<Payment> Recent { get; private set; } = [];

    /// <summary>Each payment's QuickBooks state; empty when QuickBooks is not connected.</summary>
    public IReadOnlyDictionary<long, QuickBooks.Sync.PaymentSyncDto> Sync { get; private set; } = new Dictionary<long, QuickBooks.Sync.PaymentSyncDto>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Deletes a payment, re-opening what it paid; returns to where the user was.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(long id, string? returnUrl, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(id, ct);
        if (outcome.IsOk)
        {
            TempData["Flash"] = $"Payment of {Documents.DocumentMath.Format(outcome.Value!.AmountCents)} deleted.";
            return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/Payments");
        }
        ModelState.AddOutcome(outcome);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Recent = await PaymentsApi.WithDocuments(db).OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).Take(100).ToListAsync(ct);
        Sync = await QuickBooks.Sync.PaymentSyncView.ForAsync(db, [.. Recent.Select(p => p.Id)], ct);
    }
}
