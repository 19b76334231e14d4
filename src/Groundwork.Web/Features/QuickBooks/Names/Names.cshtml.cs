using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>
/// Settings → Integrations → QuickBooks → Customers, locations &amp; vendors: each record with its link or its candidates,
/// and the link, unlink, rename and "link all exact matches" actions. Accountants read; Owner/Admin act.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class NamesModel(ListNameLinks list) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "kind")] public string? KindText { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    /// <summary>Not "page": that name is Razor Pages' own route value.</summary>
    [BindProperty(SupportsGet = true, Name = "pageNumber")] public int? PageNumber { get; set; }

    public NameKind Kind { get; private set; }
    public NameLinkPage? Result { get; private set; }
    /// <summary>Why there is nothing to match (not connected, the job layout for locations).</summary>
    public string? Unavailable { get; private set; }
    /// <summary>The record whose form was refused, so its row shows the reason next to the form.</summary>
    public long? FailedId { get; private set; }
    public string? FailedMessage { get; private set; }

    public int SafePage => Math.Clamp(PageNumber ?? 1, 1, 1_000_000);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostLinkAsync(long id, string? qboId, bool confirmInactive, [FromServices] LinkName link, CancellationToken ct)
    {
        if (!ParseKind()) return await ShowAsync(ct);
        if (string.IsNullOrWhiteSpace(qboId)) return await RefusedAsync(id, "Choose the QuickBooks record to link.", ct);
        var outcome = await link.HandleAsync(Kind, id, new LinkNameInput { QboId = qboId, ConfirmInactive = confirmInactive }, ct);
        return outcome.IsOk ? Done(outcome.Value!.Message) : await RefusedAsync(id, Reason(outcome), ct);
    }

    public async Task<IActionResult> OnPostUnlinkAsync(long id, [FromServices] LinkName link, CancellationToken ct)
    {
        if (!ParseKind()) return await ShowAsync(ct);
        var outcome = await link.HandleAsync(Kind, id, new LinkNameInput { QboId = null }, ct);
        return outcome.IsOk ? Done(outcome.Value!.Message) : await RefusedAsync(id, Reason(outcome), ct);
    }

    public async Task<IActionResult> OnPostRenameAsync(long id, string? name, [FromServices] RenameForQuickBooks rename, CancellationToken ct)
    {
        if (!ParseKind()) return await ShowAsync(ct);
        var outcome = await rename.HandleAsync(Kind, id, new RenameInput { Name = name }, ct);
        return outcome.IsOk ? Done($"Renamed to “{outcome.Value!.Name}”.") : await RefusedAsync(id, Reason(outcome), ct);
    }

    public async Task<IActionResult> OnPostLinkExactAsync([FromServices] LinkExactNames linkExact, CancellationToken ct)
    {
        if (!ParseKind()) return await ShowAsync(ct);
        var outcome = await linkExact.HandleAsync(new LinkExactInput { Kind = Kind.Slug() }, ct);
        if (!outcome.IsOk)
        {
            ModelState.AddModelError("", Reason(outcome));
            return await ShowAsync(ct);
        }
        var r = outcome.Value!;
        var reasons = string.Join(", ", r.Skipped.GroupBy(s => s.Reason).Select(g => $"{g.Count()} {g.Key}"));
        return Done($"Linked {r.Linked.Count} exact match(es); skipped {r.SkippedCount}{(reasons.Length == 0 ? "" : $" ({reasons})")}." +
            (r.More ? " More records remain: run it again." : ""));
    }

    /// <summary>No kind means customers; an unknown one is said on the form (once) and customers are shown.</summary>
    private bool ParseKind()
    {
        if (NameKinds.TryParse(KindText ?? nameof(NameKind.Customer), out var kind))
        {
            Kind = kind;
            return true;
        }
        Kind = NameKind.Customer;
        if (ModelState["kind"] is not { Errors.Count: > 0 }) ModelState.AddModelError("kind", $"kind must be {NameKinds.Choices}.");
        return false;
    }

    private IActionResult Done(string message)
    {
        TempData["Flash"] = message;
        return RedirectToPage(new { kind = Kind.Slug(), q = Q, pageNumber = PageNumber });
    }

    private async Task<IActionResult> RefusedAsync(long id, string message, CancellationToken ct)
    {
        (FailedId, FailedMessage) = (id, message);
        ModelState.AddModelError("", message);
        return await ShowAsync(ct);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        ParseKind();
        if (Q is { Length: > ListNameLinks.MaxSearch }) Q = Q[..ListNameLinks.MaxSearch];
        var outcome = await list.HandleAsync(Kind, Q, SafePage, PageSize, refresh: false, ct);
        if (outcome.IsOk) Result = outcome.Value;
        else Unavailable = Reason(outcome);
    }

    private static string Reason<T>(Outcome<T> outcome) => outcome.Kind == OutcomeKind.Invalid
        ? string.Join(" ", outcome.Errors.SelectMany(e => e.Value))
        : outcome.Message ?? "The change was refused.";
}
