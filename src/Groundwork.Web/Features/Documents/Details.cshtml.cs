using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Documents;

public sealed class DetailsModel(GroundworkDbContext db, ChangeDocumentStatus change, DocumentSyncView sync, SyncFixes fixes) : PageModel
{
    private Dictionary<long, string> _codes = [];
    private Dictionary<long, string> _types = [];

    public Document Document { get; private set; } = null!;
    public IReadOnlyList<(Payment Payment, long Applied)> Payments { get; private set; } = [];
    /// <summary>The QuickBooks panel; null while the organization has nothing to do with QuickBooks.</summary>
    public DocumentSyncPanel? QuickBooksPanel { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, long id, CancellationToken ct) =>
        await LoadAsync(kind, id, ct) ? Page() : NotFound();

    /// <summary>
    /// A POST naming no handler of this page: without this the page would render with nothing loaded. Void asks first on its own page
    /// (Void.cshtml), so a form from before that page existed is sent there.
    /// </summary>
    public IActionResult OnPost(string kind, long id, string? handler) =>
        string.Equals(handler, "Void", StringComparison.OrdinalIgnoreCase) && DocumentRoute.Parse(kind) is not null
            ? Redirect($"/{kind}/{id}/void") : NotFound();

    public Task<IActionResult> OnPostFinalizeAsync(string kind, long id, long version, CancellationToken ct) => ActAsync(kind, id, DocumentAction.Finalize, version, ct);
    public Task<IActionResult> OnPostApproveAsync(string kind, long id, long version, CancellationToken ct) => ActAsync(kind, id, DocumentAction.Approve, version, ct);
    public Task<IActionResult> OnPostRejectAsync(string kind, long id, long version, CancellationToken ct) => ActAsync(kind, id, DocumentAction.Reject, version, ct);

    /// <summary>The lifecycle moves this document allows now (the page shows a button for each the user may make).</summary>
    public IReadOnlyList<DocumentAction> Actions => DocumentRules.ActionsFor(Document);
    public bool CanReceivePayment => DocumentRules.CanReceivePayment(Document);
    public string? StatusNote => DocumentRules.StatusNote(Document);

    public string? CodeName(long? id) => id is { } i && _codes.TryGetValue(i, out var n) ? n : null;
    public string? TypeName(long? id) => id is { } i && _types.TryGetValue(i, out var n) ? n : null;

    private async Task<IActionResult> ActAsync(string kind, long id, DocumentAction action, long version, CancellationToken ct)
    {
        if (DocumentRoute.Parse(kind) is not { } parsed) return NotFound();
        var outcome = await change.HandleAsync(parsed, id, action, version, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (outcome.IsOk)
        {
            TempData["Flash"] = $"{outcome.Value!.Number} is now {outcome.Value.Status}.";
            return Redirect($"/{kind}/{id}");
        }
        ModelState.AddOutcome(outcome);
        return await LoadAsync(kind, id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string kind, long id, CancellationToken ct)
    {
        if (DocumentRoute.Parse(kind) is not { } parsed) return false;
        var document = await DocumentQueries.FindAsync(db, parsed, id, ct);
        if (document is null) return false;
        Document = document;
        var payments = await db.Payments.AsNoTracking().Include(p => p.Applications)
            .Where(p => p.Applications.Any(a => a.DocumentId == id)).OrderBy(p => p.Date).ToListAsync(ct);
        Payments = payments.Select(p => (p, p.Applications.Where(a => a.DocumentId == id).Sum(a => a.AmountCents))).ToList();
        _codes = await db.CostCodes.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Number + " " + c.Name, ct);
        _types = await db.CostTypes.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        QuickBooksPanel = await DocumentSyncPanel.LoadAsync(db, sync, fixes, document, ct);
        return true;
    }
}
