using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// The document page's drift buttons (Owner/Admin, with the form's antiforgery token): "Take QuickBooks' version" and
/// "Push Groundwork's version", through the same use cases as the API. The answer is shown on the document's page: a flash
/// when done, the refusal in the QuickBooks panel when not.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class DriftModel(GroundworkDbContext db, TakeQuickBooksVersion take, PushGroundworkVersion push) : PageModel
{
    /// <summary>The TempData key the panel shows a refusal from.</summary>
    public const string Refused = "DriftRefused";

    public static string Path(long documentId) => $"/Settings/Integrations/QuickBooks/Drift/{documentId}";

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostTakeAsync(long id, CancellationToken ct) =>
        await AnswerAsync(id, await take.HandleAsync(id, ct), "QuickBooks' version was taken into Groundwork.", ct);

    public async Task<IActionResult> OnPostPushAsync(long id, CancellationToken ct) =>
        await AnswerAsync(id, await push.HandleAsync(id, ct), "Groundwork's version is queued for QuickBooks.", ct);

    private async Task<IActionResult> AnswerAsync(long id, Outcome<DocumentSyncDto> outcome, string done, CancellationToken ct)
    {
        var kind = await db.Documents.AsNoTracking().Where(d => d.Id == id).Select(d => (DocumentKind?)d.Kind).FirstOrDefaultAsync(ct);
        if (kind is null || outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk) TempData["Flash"] = done;
        else TempData[Refused] = outcome.Message;
        return LocalRedirect($"/{DocumentRoute.Segment(kind.Value)}/{id}");
    }
}
