using Groundwork.Web.Data;
using Groundwork.Web.Features.Locations;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Jobs;

public sealed class EditModel(GroundworkDbContext db, SaveJob save) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Id { get; set; }

    [BindProperty]
    public JobInput Input { get; set; } = new();

    public IReadOnlyList<Location> Locations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? locationId, CancellationToken ct)
    {
        if (Id is not null)
        {
            var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == Id, ct);
            if (job is null) return NotFound();
            Input = JobInput.From(job);
        }
        else
        {
            Input.LocationId = locationId ?? 0;
        }
        return await RedisplayAsync(ct);
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
        TempData["Flash"] = $"Saved job {outcome.Value!.Number}.";
        return Redirect($"/Jobs/Details/{outcome.Value.Id}");
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Locations = await db.Locations.AsNoTracking().Include(l => l.Customer).OrderBy(l => l.Customer!.Name).ThenBy(l => l.Name).ToListAsync(ct);
        return Page();
    }
}
