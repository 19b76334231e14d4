using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>Query of Unsynced Records.</summary>
public sealed class UnsyncedQuery
{
    public string? Q { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

/// <summary>The dry run's query: <c>documentIds=1,2,3</c> or <c>all=true</c>.</summary>
public sealed class PreviewQuery
{
    public string? DocumentIds { get; set; }
    public bool? All { get; set; }
}

/// <summary>
/// <c>GET unsynced</c>, <c>GET preview</c> (Accountants and up); <c>POST push</c>, <c>GET push/{runId}</c>,
/// <c>POST push/{runId}/cancel</c>, <c>POST payments/{id}/retry</c>, <c>POST payments/{id}/dismiss</c> (pushing, cancelling,
/// retrying and dismissing: Owner/Admin).
/// </summary>
internal static class PushApi
{
    public static RouteGroupBuilder MapPushApi(this RouteGroupBuilder quickbooks)
    {
        // "blocked": a company-wide problem that holds back documents (null when none), said once rather than on each row.
        quickbooks.MapGet("/unsynced", async ([AsParameters] UnsyncedQuery query, UnsyncedRecords records, PushBlock block, CancellationToken ct) =>
        {
            var list = await records.ListAsync(new ListQuery { Q = query.Q, Page = query.Page, PageSize = query.PageSize }, ct);
            var blocked = list.IsOk ? await block.FindAsync(ct) : null;
            return ApiResults.From(list, p => new UnsyncedPageDto(p.Items, p.Page, p.PageSize, p.Total, blocked));
        });
        quickbooks.MapGet("/preview", async ([AsParameters] PreviewQuery query, PushPreview preview, CancellationToken ct) =>
            ApiResults.From(await preview.HandleAsync(query.DocumentIds, query.All == true, ct), p => p));
        // 202: a run was started (or Push All's running one given); 200: every document named is already in a running run, which is the answer.
        quickbooks.MapPost("/push", async (PushRequest request, StartPush push, CancellationToken ct) =>
            {
                var outcome = await push.HandleAsync(request, ct);
                return ApiResults.From(outcome, r => r, outcome.Value?.StartedNothing == true ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
            })
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        quickbooks.MapGet("/push/{runId}", async (string runId, StartPush push, CancellationToken ct) =>
            ApiResults.From(await push.StatusAsync(runId, ct), r => r));
        quickbooks.MapPost("/push/{runId}/cancel", async (string runId, StartPush push, CancellationToken ct) =>
                ApiResults.From(await push.CancelAsync(runId, ct), r => r))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        // One payment pushed again (a refused or dismissed one too), with any of its documents not in QuickBooks yet: a run like
        // Push selected. Not queued (no bill payment account, a document deleted in QuickBooks, already there): 409 with why and the fix;
        // not this organization's payment: 404.
        quickbooks.MapPost("/payments/{id:long}/retry", async Task<IResult> (long id, StartPush push, CancellationToken ct) =>
            {
                var outcome = await push.RetryPaymentAsync(id, ct);
                if (outcome.IsOk && outcome.Value!.Payments?.NotQueued.FirstOrDefault() is { } not)
                {
                    return TypedResults.Problem(not.Reason, statusCode: StatusCodes.Status409Conflict, title: "Not pushed",
                        extensions: new Dictionary<string, object?> { ["fixUrl"] = not.FixUrl });
                }
                return ApiResults.From(outcome, r => r, StatusCodes.Status202Accepted);
            })
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        quickbooks.MapPost("/payments/{id:long}/dismiss", async (long id, DismissPayment dismiss, CancellationToken ct) =>
                ApiResults.From(await dismiss.HandleAsync(id, ct), s => s))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
