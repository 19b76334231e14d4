using Groundwork.Web.Data;
using Groundwork.Web.Features.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Customers;

public sealed class DetailsModel(GroundworkDbContext db) : PageModel
{
    public Customer Customer { get; private set; } = null!;
    public IReadOnlyList<Job> Jobs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var customer = await CustomerQueries.FindAsync(db, id, ct);
        if (customer is null) return NotFound();
        Customer = customer;
        Jobs = await db.Jobs.AsNoTracking().Include(j => j.Location).Where(j => j.Location!.CustomerId == id).OrderBy(j => j.Number).ToListAsync(ct);
        return Page();
    }
}
