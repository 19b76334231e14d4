using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.Vendors;

public sealed class IndexModel(GroundworkDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ListQuery Query { get; set; } = new();

    public PageOf<Vendor> Result { get; private set; } = new([], 1, 25, 0);

    public async Task OnGetAsync(CancellationToken ct) => Result = await VendorsApi.ListAsync(db, Query, ct);
}
