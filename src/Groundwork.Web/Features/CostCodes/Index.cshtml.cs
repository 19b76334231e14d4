using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.CostCodes;

/// <summary>The list and the add/edit form on one page: cost codes are short records edited in bulk.</summary>
public sealed class IndexModel(GroundworkDbContext db, SaveCostCode save) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? EditId { get; set; }

    [BindProperty]
    public CostCodeInput Input { get; set; } = new();

    public IReadOnlyList<CostCode> Codes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (EditId is not null)
        {
            var code = await db.CostCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == EditId, ct);
            if (code is null) return NotFound();
            Input = CostCodeInput.From(code);
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
        TempData["Flash"] = $"Saved cost code {outcome.Value!.Number}.";
        return Redirect("/CostCodes");
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Codes = await db.CostCodes.AsNoTracking().Include(c => c.Parent).OrderBy(c => c.Number).ToListAsync(ct);
        return Page();
    }
}
