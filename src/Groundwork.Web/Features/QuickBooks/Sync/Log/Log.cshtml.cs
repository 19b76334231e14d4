using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.Sync.Log;

/// <summary>
/// Settings → Integrations → QuickBooks → Transactions log: read-only, Accountants and up. Shown connected or not: the log
/// is history, and it matters most when something went wrong.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
public sealed class LogModel(SyncLogQuery log) : PageModel
{
    public const string Path = "/Settings/Integrations/QuickBooks/Log";
    public const string CsvPath = "/api/v1/quickbooks/log.csv";
    /// <summary>A screenful of requests; the API's default page is smaller.</summary>
    public const int DefaultPageSize = 50;

    [BindProperty(SupportsGet = true)]
    public SyncLogFilter Filter { get; set; } = new();

    public PageOf<SyncLogRow> Result { get; private set; } = new([], 1, DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Filter.PageSize ??= DefaultPageSize;
        var outcome = await log.ListAsync(Filter, ct);
        if (outcome.IsOk) Result = outcome.Value!;
        else ModelState.AddOutcome(outcome, prefix: nameof(Filter));
    }

    /// <summary>The download of everything the filters match, not just this page.</summary>
    public string CsvLink()
    {
        var query = new QueryBuilder();
        if (!string.IsNullOrWhiteSpace(Filter.Q)) query.Add("q", Filter.Q);
        if (!string.IsNullOrWhiteSpace(Filter.Kind)) query.Add("kind", Filter.Kind);
        if (Filter.ErrorsOnly == true) query.Add("errorsOnly", "true");
        if (Filter.DocumentId is { } id) query.Add("documentId", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return CsvPath + query.ToQueryString().Value;
    }

    /// <summary>Invoices and bills have a page to go to; names are found on the mapping tabs.</summary>
    public static string? DocumentLink(SyncLogRow row) => row.Kind switch
    {
        "invoice" => $"/{DocumentRoute.Segment(DocumentKind.Invoice)}/{row.LocalId}",
        "bill" => $"/{DocumentRoute.Segment(DocumentKind.Bill)}/{row.LocalId}",
        _ => null,
    };

    /// <summary>The kind before the reference, unless the reference says it already (a payment's is “Payment 12”).</summary>
    public static string KindShown(string kind, string reference) =>
        reference.StartsWith(KindLabel(kind) + " ", StringComparison.OrdinalIgnoreCase) ? "" : KindLabel(kind);

    public static string KindLabel(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];

    public static string ResultLabel(string result) => result switch
    {
        "succeeded" => "Succeeded",
        "failed" => "Failed",
        "refused" => "Refused before sending",
        "found" => "Found (not sent again)",
        _ => result,
    };

    public static bool IsError(SyncLogRow row) => row.Result is "failed" or "refused";

    public static IEnumerable<(string Value, string Label)> Kinds =>
        SyncLogQuery.Kinds.Select(k => (SyncLogQuery.KindName(k), k.ToString()));
}
