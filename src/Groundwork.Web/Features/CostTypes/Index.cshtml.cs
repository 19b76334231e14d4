using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.CostTypes;

/// <summary>The list and the add/edit form on one page: cost types are short records edited in bulk.</summary>
public sealed class IndexModel(GroundworkDbContext db, SaveCostType save) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? EditId { get; set; }

    [BindProperty]
    public CostTypeInput Input { get; set; } = new();

    public IReadOnlyList<CostType> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (EditId is not null)
        {
            var code = await db.CostTypes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == EditId, ct);
            if (code is null) return NotFound();
            Input = CostTypeInput.From(code);
        }
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RedisplayAsync(ct);
        var outcome = await save.HandleAsync(EditId, Input, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (!outcome.IsOk)
        {
            ModelState.AddOutcome(outcome);
            return await RedisplayAsync(ct);
        }
        TempData["Flash"] = $"Saved cost type {outcome.Value!.Name}.";
        return Redirect("/CostTypes");
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Types = await db.CostTypes.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return Page();
    }
}
