using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Jobs;
using Groundwork.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Customers;

public sealed class DetailsModel(GroundworkDbContext db, QuickBooks.Sync.DocumentSyncView sync) : PageModel
{
    private const int ShownInvoices = 100;

    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<Job> Jobs { get; private set; } = [];
    public DocumentTable Invoices { get; private set; } = null!;
    public int InvoiceCount { get; private set; }

    /// <summary>What the customer's finalized invoices still owe, over all of them (not only those shown); a negative invoice counts as a credit.</summary>
    /// <summary>Cents, summed in decimal like the home page, so no number of invoices can overflow it.</summary>
    public decimal OpenBalanceCents { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var customer = await CustomerQueries.FindAsync(db, id, ct);
        if (customer is null) return NotFound();
        Customer = customer;
        Jobs = await db.Jobs.AsNoTracking().Include(j => j.Location).Where(j => j.Location!.CustomerId == id).OrderBy(j => j.Number).ToListAsync(ct);

        var invoices = db.Documents.AsNoTracking().Where(d => d.Kind == DocumentKind.Invoice && d.CustomerId == id);
        InvoiceCount = await invoices.CountAsync(ct);
        OpenBalanceCents = (await invoices.Where(DocumentRules.Open).Select(d => new { d.TotalCents, d.PaidCents }).ToListAsync(ct))
            .Sum(d => (decimal)d.TotalCents - d.PaidCents);
        var recent = await invoices.Include(d => d.Job).OrderByDescending(d => d.IssueDate).ThenByDescending(d => d.Id).Take(ShownInvoices).ToListAsync(ct);
        var column = await QuickBooks.Sync.SyncColumn.LoadAsync(db, sync, recent, ct);
        Invoices = new DocumentTable("customer-invoices", DocumentKind.Invoice, recent, ShowJob: true, ShowParty: false, column);
        return Page();
    }
}
