using Groundwork.Web.Data;
using Groundwork.Web.Features.Shared;
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
        ReadTypedNumbers();
        for (var i = 0; i < BlankRows; i++)
        {
            Input.Lines.Add(new LineInput { Quantity = 1 });
        }
        Lists = await DocumentFormLists.LoadAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, long? id, CancellationToken ct)
    {
        if (!Bind(kind, id)) return NotFound();
        ReadTypedNumbers();
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

    /// <summary>The user's lines, then as many blank rows as a fresh form has (blank rows left between lines count), so a failed save never grows the form.</summary>
    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        Lists = await DocumentFormLists.LoadAsync(db, ct);
        while (Input.Lines.Count > 0 && Input.Lines[^1].IsBlank && !HasErrors(Input.Lines.Count - 1))
        {
            Input.Lines.RemoveAt(Input.Lines.Count - 1);
        }
        for (var blank = Input.Lines.Count(l => l.IsBlank); blank < BlankRows; blank++)
        {
            Input.Lines.Add(new LineInput { Quantity = 1 });
        }
        return Page();
    }

    private bool HasErrors(int line) => ModelState.FindKeysWithPrefix($"Input.Lines[{line}]").Any(e => e.Value.Errors.Count > 0);

    /// <summary>
    /// Reads each line's unit amount and quantity as people type them ("$1,000.00"), instead of the model binder, which refuses a
    /// currency sign, reads "1,00" as one hundred, and words its refusals with internal field names.
    /// </summary>
    private void ReadTypedNumbers()
    {
        for (var i = 0; i < Input.Lines.Count; i++)
        {
            var line = Input.Lines[i];
            var n = i + 1;
            Read($"Input.Lines[{i}].UnitAmount", TypedNumber.TryParseAmount, v => line.UnitAmount = v, 0m,
                text => $"Line {n}: '{text}' is not an amount; write it like 1,000.00.");
            Read($"Input.Lines[{i}].Quantity", TypedNumber.TryParseQuantity, v => line.Quantity = v, line.IsBlank ? 1m : null,
                text => text.Length == 0 ? $"Line {n}: enter a quantity." : $"Line {n}: '{text}' is not a quantity; write it like 2 or 1.5.");
        }
    }

    private delegate bool Parser(string? text, out decimal value);

    private void Read(string key, Parser parse, Action<decimal> set, decimal? whenEmpty, Func<string, string> refusal)
    {
        if (!ModelState.TryGetValue(key, out var entry)) return;
        // Read both before Remove: it resets this very entry.
        var (raw, text) = (entry.RawValue, entry.AttemptedValue ?? "");
        ModelState.Remove(key);
        ModelState.SetModelValue(key, raw, text);
        if (string.IsNullOrWhiteSpace(text) && whenEmpty is { } empty)
        {
            set(empty);
            ModelState.MarkFieldValid(key);
        }
        else if (parse(text, out var value))
        {
            set(value);
            ModelState.MarkFieldValid(key);
        }
        else
        {
            ModelState.AddModelError(key, refusal(text.Trim()));
        }
    }
}
