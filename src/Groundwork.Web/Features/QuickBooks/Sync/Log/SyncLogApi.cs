using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Sync.Log;

/// <summary>
/// <c>GET log</c> (a page of the transactions log) and <c>GET log.csv</c> (all of it that matches, as a file), with the same
/// filters; Accountants and up, as the <c>/quickbooks</c> group requires.
/// </summary>
internal static class SyncLogApi
{
    public static RouteGroupBuilder MapSyncLogApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/log", async ([AsParameters] SyncLogFilter filter, SyncLogQuery log, CancellationToken ct) =>
                ApiResults.From(await log.ListAsync(filter, ct), p => p))
            .Produces<PageOf<SyncLogRow>>();
        quickbooks.MapGet("/log.csv", async ([AsParameters] SyncLogFilter filter, SyncLogQuery log, OrganizationCalendar calendar, CancellationToken ct) =>
            {
                var rows = log.Stream(filter);
                if (!rows.IsOk) return ApiResults.From(rows, r => r);
                var file = SyncLogCsv.FileName(await calendar.TodayAsync(ct));
                // Streamed while read: the request's scope (and its DbContext) lives until the last row is written.
                return TypedResults.Stream(stream => SyncLogCsv.WriteAsync(stream, rows.Value!, SyncLogQuery.CsvRowCap, ct), "text/csv; charset=utf-8", file);
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
        return quickbooks;
    }
}
