using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Jobs;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features;

public sealed class IndexModel(GroundworkDbContext db) : PageModel
{
    public int OpenInvoices { get; private set; }
    public long Receivable { get; private set; }
    public int OpenBills { get; private set; }
    public long Payable { get; private set; }
    public int OpenJobs { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var open = await db.Documents.AsNoTracking()
            .Where(d => d.Status == DocumentStatus.Pending || d.Status == DocumentStatus.Approved || d.Status == DocumentStatus.PartiallyPaid)
            .Select(d => new { d.Kind, d.TotalCents, d.PaidCents }).ToListAsync(ct);
        OpenInvoices = open.Count(d => d.Kind == DocumentKind.Invoice);
        Receivable = open.Where(d => d.Kind == DocumentKind.Invoice).Sum(d => d.TotalCents - d.PaidCents);
        OpenBills = open.Count(d => d.Kind == DocumentKind.Bill);
        Payable = open.Where(d => d.Kind == DocumentKind.Bill).Sum(d => d.TotalCents - d.PaidCents);
        OpenJobs = await db.Jobs.CountAsync(j => j.Status == JobStatus.Open, ct);
    }
}
