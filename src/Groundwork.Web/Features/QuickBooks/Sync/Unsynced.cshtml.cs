using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Settings → Integrations → QuickBooks → Unsynced Records: finalized documents not (or not correctly) in QuickBooks, with
/// the reason and the fix; Push selected, Push All, a one-click rename for a name QuickBooks would refuse, and the run's
/// progress (push-progress.js keeps it live; without script a reload shows it). Accountants read; Owner/Admin push.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class UnsyncedModel(UnsyncedRecords records, StartPush push, SyncFixes fixes, PushBlock block, UnsyncedBadge badge, GroundworkDbContext db) : PageModel
{
    public const string Path = "/Settings/Integrations/QuickBooks/Unsynced";
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public ListQuery Query { get; set; } = new();

    /// <summary>The push run whose progress is shown (a Push All still running is shown without it).</summary>
    [BindProperty(SupportsGet = true, Name = "run")]
    public string? RunId { get; set; }

    public PageOf<UnsyncedRow>? Result { get; private set; }
    public IReadOnlyDictionary<long, PushProblem> Fixes { get; private set; } = new Dictionary<long, PushProblem>();
    public PushRunDto? Run { get; private set; }
    public string? NotConnected { get; private set; }
    /// <summary>Connected once but not now (disconnected, or the tokens need a reconnect): the list shows, pushing waits.</summary>
    public string? Paused { get; private set; }
    /// <summary>A company-wide problem holding back documents, said once at the top (the pre-flight's words and fix).</summary>
    public PushBlocked? Blocked { get; private set; }
    /// <summary>Why Push All cannot be pressed now (null: it can): QuickBooks not connected, nothing to push, or every document blocked.</summary>
    public string? PushAllDisabled { get; private set; }
    /// <summary>Unsynced documents and payments: Push All's count.</summary>
    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Payments a person dismissed (kept in Groundwork only): listed apart, not counted, each with Retry.</summary>
    public IReadOnlyList<UnsyncedRow> Dismissed { get; private set; } = [];

    public async Task<IActionResult> OnPostPushAsync(List<long>? documentIds, List<long>? paymentIds, string? returnUrl, CancellationToken ct)
    {
        if (documentIds is not { Count: > 0 } && paymentIds is not { Count: > 0 }) return await NothingSelectedAsync("push", ct);
        var outcome = await push.HandleAsync(new PushRequest { DocumentIds = documentIds ?? [], PaymentIds = paymentIds ?? [] }, ct);
        if (outcome.IsOk && returnUrl is not null && Url.IsLocalUrl(returnUrl))
        {
            TempData["Flash"] = "Queued for QuickBooks.";
            return LocalRedirect(returnUrl);
        }
        return await StartedAsync(outcome, ct);
    }

    /// <summary>
    /// A payment's Retry: pushed again with any of its documents not in QuickBooks (a dismissed one is no longer dismissed).
    /// From another page (the Payments list) it returns there with what happened, refusals included.
    /// </summary>
    public async Task<IActionResult> OnPostRetryPaymentAsync(long paymentId, string? returnUrl, CancellationToken ct)
    {
        var outcome = await push.RetryPaymentAsync(paymentId, ct);
        if (Returning(returnUrl) is not { } back) return await StartedAsync(outcome, ct);
        TempData["Flash"] = outcome.IsOk ? Flash(outcome.Value!) : Refusal(outcome);
        return LocalRedirect(back);
    }

    /// <summary>A refused payment's Dismiss: kept in Groundwork, not sent to QuickBooks (from the Payments list too).</summary>
    public async Task<IActionResult> OnPostDismissPaymentAsync(long paymentId, string? returnUrl, [FromServices] DismissPayment dismiss, CancellationToken ct)
    {
        var outcome = await dismiss.HandleAsync(paymentId, ct);
        var back = Returning(returnUrl);
        if (!outcome.IsOk && back is null) return await RefusedAsync(outcome, ct);
        TempData["Flash"] = outcome.IsOk ? $"{PaymentPusher.Label(paymentId)} dismissed: kept in Groundwork, not sent to QuickBooks." : Refusal(outcome);
        return back is null ? Redirect(Link(null)) : LocalRedirect(back);
    }

    private string? Returning(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : null;

    private static string Refusal<T>(Outcome<T> outcome) =>
        $"Not done: {(outcome.Kind == OutcomeKind.Invalid ? string.Join(" ", outcome.Errors.SelectMany(e => e.Value)) : outcome.Message)}";

    public async Task<IActionResult> OnPostPushAllAsync(CancellationToken ct) =>
        await StartedAsync(await push.HandleAsync(new PushRequest { All = true }, ct), ct);

    public async Task<IActionResult> OnPostPreviewAsync(List<long>? documentIds, CancellationToken ct)
    {
        if (documentIds is { Count: > 0 }) return Redirect(PreviewModel.Link(documentIds));
        return await NothingSelectedAsync("preview", ct);
    }

    private async Task<IActionResult> NothingSelectedAsync(string what, CancellationToken ct)
    {
        ModelState.AddModelError("", $"Select the documents to {what}, or use {(what == "push" ? "Push All" : "Preview all")}.");
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string? runId, CancellationToken ct)
    {
        var outcome = await push.CancelAsync(runId ?? "", ct);
        if (!outcome.IsOk) return await RefusedAsync(outcome, ct);
        TempData["Flash"] = $"Push cancelled: {outcome.Value!.Done} pushed, the rest are back in the list.";
        return Back(outcome.Value.Id);
    }

    public async Task<IActionResult> OnPostRenameAsync(long documentId, [FromServices] RenameAndPush rename, CancellationToken ct)
    {
        var outcome = await rename.HandleAsync(documentId, ct);
        if (!outcome.IsOk) return await RefusedAsync(outcome, ct);
        TempData["Flash"] = $"Renamed to “{outcome.Value!.Renamed.Name}” and pushing again.";
        return Back(outcome.Value.Run.Id);
    }

    /// <summary>This page with its search and page kept, and the run to follow.</summary>
    public string Link(string? runId) =>
        Path + new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(Kept(runId)).ToQueryString().Value;

    private IEnumerable<KeyValuePair<string, string>> Kept(string? runId)
    {
        if (!string.IsNullOrWhiteSpace(Query.Q)) yield return new("q", Query.Q);
        if (Query.Page is > 1) yield return new("page", Query.SafePage.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (runId is not null) yield return new("run", runId);
    }

    private async Task<IActionResult> StartedAsync(Outcome<PushRunDto> outcome, CancellationToken ct)
    {
        if (!outcome.IsOk) return await RefusedAsync(outcome, ct);
        var run = outcome.Value!;
        TempData["Flash"] = Flash(run);
        return Back(run.Id);
    }

    /// <summary>
    /// What the push started: documents, payments queued again, and the payments that were not, with why — said once per
    /// reason (Push All can leave every bill payment waiting for the same account), naming up to ten of them.
    /// </summary>
    internal static string Flash(PushRunDto run)
    {
        var parts = new List<string>();
        if (run.StartedNothing) parts.Add("Nothing new to push.");
        else if (run.Total > 0) parts.Add($"Pushing {run.Total} document{(run.Total == 1 ? "" : "s")} to QuickBooks.");
        if (run.Payments is { Queued: > 0 } queued) parts.Add($"{queued.Queued} payment{(queued.Queued == 1 ? "" : "s")} queued for QuickBooks.");
        foreach (var group in (run.Payments?.NotQueued ?? []).GroupBy(n => n.Reason))
        {
            var ids = group.Select(n => n.PaymentId).ToList();
            parts.Add(ids.Count == 1 ? $"{PaymentPusher.Label(ids[0])} not pushed: {group.Key}"
                : $"{ids.Count} payments not pushed ({string.Join(", ", ids.Take(10).Select(PaymentPusher.Label))}{(ids.Count > 10 ? ", …" : "")}): {group.Key}");
        }
        foreach (var held in run.Elsewhere ?? []) parts.Add(held.Describe() + (held.RunId == run.Id ? " Its progress is below." : ""));
        return parts.Count == 0 ? "Nothing to push." : string.Join(" ", parts);
    }

    private RedirectResult Back(string runId) => Redirect(Link(runId));

    private async Task<IActionResult> RefusedAsync<T>(Outcome<T> outcome, CancellationToken ct)
    {
        ModelState.AddOutcome(outcome, prefix: "");
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var outcome = await records.ListAsync(new ListQuery { Q = Query.Q, Page = Query.Page, PageSize = PageSize }, ct);
        if (!outcome.IsOk)
        {
            NotConnected = outcome.Message;
            return;
        }
        Result = outcome.Value;
        var found = await fixes.ForAsync(Result!.Items.Where(r => r.State == "needsAttention" && r.DocumentId is not null).ToDictionary(r => r.DocumentId!.Value, r => r.Problem), ct);
        foreach (var row in Result.Items.Where(r => r.NameFix is not null)) found[row.DocumentId!.Value] = row.NameFix!;
        Fixes = found;
        Dismissed = await UnsyncedPaymentRows.PageAsync(db, records.Dismissed(), 0, PageSize, ct);
        var status = await db.QboConnections.AsNoTracking().Select(c => c.Status).FirstAsync(ct);
        if (status != QboConnectionStatus.Connected) Paused = "QuickBooks is not connected now, so nothing is pushed:";
        Blocked = await block.FindAsync(ct);
        Count = await badge.CountAsync(ct);
        PushAllDisabled = Paused is not null ? "QuickBooks is not connected now."
            : Count == 0 ? "Nothing to push."
            : Blocked is { RefusesPushAll: true } ? "Every document is held back by the problem above; fix it first."
            : null;
        Run = await RunAsync(ct);
    }

    /// <summary>The run named in the address, else a Push All still running (someone else's, or from before a reload).</summary>
    private async Task<PushRunDto?> RunAsync(CancellationToken ct)
    {
        var id = RunId is { Length: > 0 and <= 32 } named ? named
            : await db.PushRuns.AsNoTracking().Where(r => r.RunningKey != null).Select(r => r.Id).FirstOrDefaultAsync(ct);
        if (id is null) return null;
        var run = await push.StatusAsync(id, ct);
        return run.IsOk ? run.Value : null;
    }
}
