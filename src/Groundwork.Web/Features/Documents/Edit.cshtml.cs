using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.Documents;

/// <summary>New (/invoices/new) and edit (/invoices/5/edit) share this page: a header and a plain-form line editor.</summary>
public sealed class EditModel(GroundworkDbContext db, SaveDocument save) : PageModel
{
    private const int BlankRows = 3;

    [BindProperty]
    public DocumentInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public DocumentKind Kind { get; private set; }
    public DocumentFormLists Lists { get; private set; } = DocumentFormLists.Empty;

    public async Task<IActionResult> OnGetAsync(string kind, long? id, long? jobId, CancellationToken ct)
    {
        if (!Bind(kind, id)) return NotFound();
        if (id is not null)
        {
            var document = await DocumentQueries.FindAsync(db, Kind, id.Value, ct);
            if (document is null) return NotFound();
            if (!document.IsEditable) return Redirect($"/{kind}/{id}");
            Input = DocumentInput.From(document);
        }
        else
        {
            Input.JobId = jobId ?? 0;
        }
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostAddLinesAsync(string kind, long? id, CancellationToken ct)
    {
        if (!Bind(kind, id)) return NotFound();
        ModelState.Clear();
        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(string kind, long? id, CancellationToken ct)
    {
        if (!Bind(kind, id)) return NotFound();
        if (!ModelState.IsValid) return await RedisplayAsync(ct);
        var outcome = await save.HandleAsync(Kind, id, Input, ct);
        if (outcome.Kind == OutcomeKind.NotFound) return NotFound();
        if (!outcome.IsOk)
        {
            ModelState.AddOutcome(outcome);
            return await RedisplayAsync(ct);
        }
        TempData["Flash"] = $"Saved {outcome.Value!.Number}.";
        return Redirect($"/{kind}/{outcome.Value.Id}");
    }

    private bool Bind(string kind, long? id)
    {
        Id = id;
        if (DocumentRoute.Parse(kind) is not { } parsed) return false;
        Kind = parsed;
        return true;
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Lists = await DocumentFormLists.LoadAsync(db, ct);
        for (var i = 0; i < BlankRows; i++)
        {
            Input.Lines.Add(new LineInput { Quantity = 1 });
        }
        return Page();
    }
}
