using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Jobs;

/// <summary>A job's own page: where it is, for whom, and what has been invoiced and billed on it.</summary>
public sealed class DetailsModel(GroundworkDbContext db, QuickBooks.Sync.DocumentSyncView sync) : PageModel
{
    public Job Job { get; private set; } = null!;
    public DocumentTable Invoices { get; private set; } = null!;
    public DocumentTable Bills { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var job = await db.Jobs.AsNoTracking().Include(j => j.Location).ThenInclude(l => l!.Customer).FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null) return NotFound();
        Job = job;
        var documents = await db.Documents.AsNoTracking().Include(d => d.Vendor).Include(d => d.Customer).Where(d => d.JobId == id)
            .OrderByDescending(d => d.IssueDate).ThenByDescending(d => d.Id).ToListAsync(ct);
        var column = await QuickBooks.Sync.SyncColumn.LoadAsync(db, sync, documents, ct);
        Invoices = new DocumentTable("job-invoices", DocumentKind.Invoice, documents.Where(d => d.Kind == DocumentKind.Invoice).ToList(), ShowJob: false, ShowParty: false, column);
        Bills = new DocumentTable("job-bills", DocumentKind.Bill, documents.Where(d => d.Kind == DocumentKind.Bill).ToList(), ShowJob: false, ShowParty: true, column);
        return Page();
    }
}
