using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features;

public sealed class IndexModel(GroundworkDbContext db) : PageModel
{
    public int OpenInvoices { get; private set; }
    /// <summary>Cents, summed in decimal: no count of documents can overflow it (see <see cref="Data.Limits"/>).</summary>
    public decimal Receivable { get; private set; }
    public int OpenBills { get; private set; }
    public decimal Payable { get; private set; }
    public int OpenJobs { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var open = await db.Documents.AsNoTracking()
            .Where(DocumentRules.Open)
            .Select(d => new { d.Kind, d.TotalCents, d.PaidCents }).ToListAsync(ct);
        OpenInvoices = open.Count(d => d.Kind == DocumentKind.Invoice);
        Receivable = open.Where(d => d.Kind == DocumentKind.Invoice).Sum(d => (decimal)d.TotalCents - d.PaidCents);
        OpenBills = open.Count(d => d.Kind == DocumentKind.Bill);
        Payable = open.Where(d => d.Kind == DocumentKind.Bill).Sum(d => (decimal)d.TotalCents - d.PaidCents);
        OpenJobs = await db.Jobs.CountAsync(j => j.Status == JobStatus.Open, ct);
    }
}
