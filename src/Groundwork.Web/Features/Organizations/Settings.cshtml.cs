using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Organizations;

public sealed class SettingsModel(GroundworkDbContext db, UpdateOrganization update) : PageModel
{
    [BindProperty]
    public OrganizationInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == db.CurrentOrganizationId, ct);
        if (organization is null) return NotFound();
        Input = OrganizationInput.From(organization);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var outcome = await update.HandleAsync(Input, ct);
        if (!outcome.IsOk)
        {
            ModelState.AddOutcome(outcome);
            return Page();
        }
        TempData["Flash"] = "Organization settings saved.";
        return RedirectToPage();
    }
}
