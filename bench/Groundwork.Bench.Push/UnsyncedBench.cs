namespace Groundwork.Bench.Push;

/// <summary>Timings of one screen or API over random pages: the client's wall time per request on loopback (server time plus a little).</summary>
internal sealed record PageTimings(string What, int Total, int Requests, double P50, double P95, double Max, string Statuses);

/// <summary>
/// Unsynced Records at size: an organization whose documents were all made before it connected, so every one of them is
/// listed. Random pages, one request at a time after a short warm-up, through the API and (when this build has it) the page.
/// </summary>
internal static class UnsyncedBench
{
    public const string PagePath = "/Settings/Integrations/QuickBooks/Unsynced";

    /// <summary>Rows the page shows (UnsyncedModel.PageSize).</summary>
    private const int PageRows = 50;

    private static int Pages(int total, int size) => Math.Max(1, (total + size - 1) / size);

    public static async Task<List<PageTimings>> RunAsync(AppClient app, int requests)
    {
        var first = await app.GetAsync("/api/v1/quickbooks/unsynced?page=1");
        var (total, apiPageSize) = ((int)first["total"]!, (int)first["pageSize"]!);
        var results = new List<PageTimings>
        {
            await TimeAsync(app, $"GET /api/v1/quickbooks/unsynced?page=N ({total:N0} rows, {apiPageSize} a page)", total, requests,
                p => $"/api/v1/quickbooks/unsynced?page={p}", Pages(total, apiPageSize)),
        };
        var (status, _) = await app.TimeAsync(PagePath);
        results.Add(status == 404
            ? new PageTimings($"{PagePath} — not in this build", total, 0, double.NaN, double.NaN, double.NaN, "404")
            : await TimeAsync(app, $"{PagePath}?page=N (the page, {PageRows} rows a page)", total, requests, p => $"{PagePath}?page={p}", Pages(total, PageRows)));
        return results;
    }

    private static async Task<PageTimings> TimeAsync(AppClient app, string what, int total, int requests, Func<int, string> path, int pages)
    {
        var random = new Random(11);
        for (var i = 0; i < 5; i++) await app.TimeAsync(path(random.Next(1, pages + 1)));
        var timings = new List<double>(requests);
        var statuses = new SortedSet<int>();
        for (var i = 0; i < requests; i++)
        {
            var (status, ms) = await app.TimeAsync(path(random.Next(1, pages + 1)));
            statuses.Add(status);
            timings.Add(ms);
        }
        timings.Sort();
        return new PageTimings(what, total, requests, Stats.Percentile(timings, 0.5), Stats.Percentile(timings, 0.95), timings[^1], string.Join(',', statuses));
    }
}
