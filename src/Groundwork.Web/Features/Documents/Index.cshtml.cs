using Groundwork.Web.Data;
using Groundwork.Web.Features.Jobs;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Documents;

public sealed class IndexModel(GroundworkDbContext db, DocumentSyncView sync) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DocumentListQuery Query { get; set; } = new();

    public DocumentKind Kind { get; private set; }
    public PageOf<Document> Result { get; private set; } = new([], 1, 25, 0);
    public IReadOnlyList<Job> Jobs { get; private set; } = [];
    /// <summary>The QuickBooks column; null while QuickBooks was never connected.</summary>
    public SyncColumn? Sync { get; private set; }

    public IEnumerable<DocumentStatus> Statuses => DocumentRules.Statuses(Kind);

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (DocumentRoute.Parse(kind) is not { } parsed) return NotFound();
        Kind = parsed;
        Result = await DocumentQueries.ListAsync(db, Kind, Query, ct);
        Sync = await SyncColumn.LoadAsync(db, sync, Result.Items, ct);
        Jobs = await db.Jobs.AsNoTracking().OrderBy(j => j.Number).ToListAsync(ct);
        return Page();
    }
}
