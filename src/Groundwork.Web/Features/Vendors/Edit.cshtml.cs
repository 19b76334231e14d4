using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Vendors;

public sealed class EditModel(GroundworkDbContext db, SaveVendor save) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public VendorInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return Page();
        var vendor = await db.Vendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == Id, ct);
        if (vendor is null) return NotFound();
        Input = VendorInput.From(vendor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(Id, Input, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (!outcome.IsOk)
        {
            ModelState.AddOutcome(outcome);
            return Page();
        }
        TempData["Flash"] = $"Saved {outcome.Value!.Name}.";
        return Redirect("/Vendors");
    }
}
