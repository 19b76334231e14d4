using System.Globalization;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// Settings → Integrations → QuickBooks → Reconciliation: a month (this month unless chosen), optionally one job, of
/// Groundwork beside QuickBooks — the summary, the totals by Product/Service and Class, and each difference with links to
/// both records — and its CSV. Read-only; Accountants and up.
/// </summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AccountantPolicy)]
public sealed class ReconciliationModel(BuildReconciliation build, OrganizationCalendar calendar, GroundworkDbContext db) : PageModel
{
    public const string Path = "/Settings/Integrations/QuickBooks/Reconciliation";
    public const string CsvPath = "/api/v1/quickbooks/reconciliation.csv";
    /// <summary>Jobs offered in the filter, newest first; any other job is still reachable by its id in the address.</summary>
    public const int JobChoices = 500;

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? JobId { get; set; }

    public ReconciliationReport? Report { get; private set; }
    public IReadOnlyList<(long Id, string Label)> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Month = string.IsNullOrWhiteSpace(Month) ? (await calendar.TodayAsync(ct)).ToString("yyyy-MM", CultureInfo.InvariantCulture) : Month.Trim();
        var jobs = await db.Jobs.AsNoTracking().OrderByDescending(j => j.Id).Take(JobChoices).Select(j => new { j.Id, j.Number, j.Name }).ToListAsync(ct);
        Jobs = jobs.Select(j => (j.Id, $"{j.Number} · {j.Name}")).ToList();
        var outcome = await build.HandleAsync(new ReconciliationQuery { Month = Month, JobId = JobId }, ct);
        if (outcome.IsOk) Report = outcome.Value;
        else ModelState.AddOutcome(outcome, prefix: "");
    }

    public string CsvLink()
    {
        var query = new QueryBuilder { { "month", Month ?? "" } };
        if (!string.IsNullOrWhiteSpace(JobId)) query.Add("jobId", JobId.Trim());
        return CsvPath + query.ToQueryString().Value;
    }

    public bool IsSelected(long jobId) => string.Equals(JobId?.Trim(), jobId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static string Money(long? cents) => cents is { } c ? Documents.DocumentMath.Format(c) : "—";

    public static string Difference(long ours, long theirs) => ours == theirs ? "" : Documents.DocumentMath.Format(checked(theirs - ours));
}
