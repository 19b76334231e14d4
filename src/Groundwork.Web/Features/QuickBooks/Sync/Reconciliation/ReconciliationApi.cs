using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// <c>GET reconciliation?month=YYYY-MM[&amp;jobId=]</c> (the report as JSON) and <c>GET reconciliation.csv</c> (the same
/// report as a file); Accountants and up, as the <c>/quickbooks</c> group requires.
/// </summary>
internal static class ReconciliationApi
{
    public static RouteGroupBuilder MapReconciliationApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/reconciliation", async ([AsParameters] ReconciliationQuery query, BuildReconciliation build, CancellationToken ct) =>
                ApiResults.From(await build.HandleAsync(query, ct), r => r))
            .Produces<ReconciliationReport>();
        quickbooks.MapGet("/reconciliation.csv", async ([AsParameters] ReconciliationQuery query, BuildReconciliation build, CancellationToken ct) =>
            {
                var report = await build.HandleAsync(query, ct);
                if (!report.IsOk) return ApiResults.From(report, r => r);
                return TypedResults.Stream(stream => ReconciliationCsv.WriteAsync(stream, report.Value!, ct), "text/csv; charset=utf-8",
                    ReconciliationCsv.FileName(report.Value!));
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return quickbooks;
    }
}
