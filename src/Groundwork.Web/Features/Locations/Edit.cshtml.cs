using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Locations;

public sealed class EditModel(GroundworkDbContext db, SaveLocation save) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public LocationInput Input { get; set; } = new();

    public string CustomerName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long? customerId, CancellationToken ct)
    {
        if (Id is not null)
        {
            var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == Id, ct);
            if (location is null) return NotFound();
            Input = LocationInput.From(location);
        }
        else
        {
            Input.CustomerId = customerId ?? 0;
        }
        return await LoadCustomerAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RedisplayAsync(ct);
        var outcome = await save.HandleAsync(Id, Input, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (!outcome.IsOk)
        {
            ModelState.AddOutcome(outcome);
            return await RedisplayAsync(ct);
        }
        TempData["Flash"] = $"Saved location {outcome.Value!.Name}.";
        return Redirect($"/Customers/Details/{outcome.Value.CustomerId}");
    }

    private async Task<bool> LoadCustomerAsync(CancellationToken ct)
    {
        CustomerName = await db.Customers.Where(c => c.Id == Input.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        return CustomerName.Length > 0;
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        await LoadCustomerAsync(ct);
        return Page();
    }
}
