using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.Documents;

/// <summary>Voiding cannot be undone, so it asks first: a page that names the document, and a POST button (no script needed).</summary>
public sealed class VoidModel(GroundworkDbContext db, ChangeDocumentStatus change) : PageModel
{
    public Document Document { get; private set; } = null!;

    /// <summary>The version the user confirms: the one they saw on the document page, so a change made meanwhile is refused.</summary>
    public long Version { get; private set; }

    /// <summary>Why this document cannot be voided, from the lifecycle's own rule; null when it can.</summary>
    public string? Refusal => DocumentRules.Next(Document, DocumentAction.Void).Refusal;

    public async Task<IActionResult> OnGetAsync(string kind, long id, long? version, CancellationToken ct)
    {
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        Version = version ?? Document.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, long id, long version, CancellationToken ct)
    {
        if (DocumentRoute.Parse(kind) is not { } parsed) return NotFound();
        var outcome = await change.HandleAsync(parsed, id, DocumentAction.Void, version, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            TempData["Flash"] = $"{outcome.Value!.Number} is now {outcome.Value.Status}.";
            return Redirect($"/{kind}/{id}");
        }
        ModelState.AddOutcome(outcome);
        if (!await LoadAsync(kind, id, ct)) return NotFound();
        // The user has now seen the refusal and the current state; confirming again applies to what is shown.
        Version = Document.Version;
        return Page();
    }

    private async Task<bool> LoadAsync(string kind, long id, CancellationToken ct)
    {
        if (DocumentRoute.Parse(kind) is not { } parsed) return false;
        var document = await DocumentQueries.FindAsync(db, parsed, id, ct);
        if (document is null) return false;
        Document = document;
        return true;
    }
}
