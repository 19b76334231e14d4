using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Customers;

public sealed class EditModel(GroundworkDbContext db, SaveCustomer save) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public CustomerInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is null) return Page();
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == Id, ct);
        if (customer is null) return NotFound();
        Input = CustomerInput.From(customer);
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
        return Redirect($"/Customers/Details/{outcome.Value.Id}");
    }
}
