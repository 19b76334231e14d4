using System.Globalization;
using CsvHelper;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// The reconciliation report as one CSV table for accountants' spreadsheets (RFC 4180, UTF-8, amounts in dollars with a
/// point): a <c>section</c> column says what each row is — summary, item, class or difference. Names, references and
/// messages come from users and from QuickBooks, so a cell a spreadsheet would run as a formula gets a leading apostrophe,
/// as in the transactions log's CSV.
/// </summary>
internal static class ReconciliationCsv
{
    public static readonly string[] Header =
    [
        "section", "kind", "cause", "localId", "reference", "date", "qboType", "qboId", "name", "groundworkCount", "quickBooksCount",
        "groundworkAmount", "quickBooksAmount", "groundworkOpen", "quickBooksOpen", "message",
    ];

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, InjectionEscape = '\'' };

    public static string FileName(ReconciliationReport report) =>
        $"quickbooks-reconciliation-{report.Month}{(report.Job is { } job ? "-job-" + job.Id.ToString(CultureInfo.InvariantCulture) : "")}.csv";

    public static async Task WriteAsync(Stream destination, ReconciliationReport report, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        await csv.WriteRecordAsync(Header, ct);
        foreach (var s in report.Summary)
        {
            await RowAsync(csv, new("summary", s.Kind) { Name = s.Label, GroundworkCount = s.Groundwork.Count, QuickBooksCount = s.QuickBooks.Count,
                Groundwork = s.Groundwork.TotalCents, QuickBooks = s.QuickBooks.TotalCents, GroundworkOpen = s.Groundwork.OpenCents,
                QuickBooksOpen = s.QuickBooks.OpenCents, Message = s.Matches ? "Matches" : "Differs" }, ct);
        }
        foreach (var (section, totals) in new[] { ("item", report.ByItem), ("class", report.ByClass) })
        {
            foreach (var t in totals)
            {
                await RowAsync(csv, new(section, t.Kind) { QboId = t.QboId, Name = t.Name, Groundwork = t.GroundworkCents, QuickBooks = t.QuickBooksCents,
                    Message = t.Matches ? "Matches" : "Differs" }, ct);
            }
        }
        foreach (var d in report.Differences)
        {
            await RowAsync(csv, new("difference", d.Kind) { Cause = d.Cause, LocalId = d.LocalId, Reference = d.Reference, Date = d.Date, QboType = d.QboType,
                QboId = d.QboId, Groundwork = d.GroundworkCents, QuickBooks = d.QuickBooksCents, Message = d.Message }, ct);
        }
    }

    private sealed record CsvRow(string Section, string Kind)
    {
        public string? Cause { get; init; }
        public long? LocalId { get; init; }
        public string? Reference { get; init; }
        public DateOnly? Date { get; init; }
        public string? QboType { get; init; }
        public string? QboId { get; init; }
        public string? Name { get; init; }
        public int? GroundworkCount { get; init; }
        public int? QuickBooksCount { get; init; }
        public long? Groundwork { get; init; }
        public long? QuickBooks { get; init; }
        public long? GroundworkOpen { get; init; }
        public long? QuickBooksOpen { get; init; }
        public string? Message { get; init; }
    }

    /// <summary>Text through the injection escape; numbers and dates as values (a negative amount is a number, not a formula).</summary>
    private static async Task RowAsync(CsvWriter csv, CsvRow r, CancellationToken ct)
    {
        foreach (var text in new[] { r.Section, r.Kind, r.Cause }) csv.WriteField(text ?? "");
        Number(csv, r.LocalId);
        csv.WriteField(r.Reference ?? "");
        if (r.Date is { } date) csv.WriteField(date, "yyyy-MM-dd");
        else csv.WriteField("");
        foreach (var text in new[] { r.QboType, r.QboId, r.Name }) csv.WriteField(text ?? "");
        Number(csv, r.GroundworkCount);
        Number(csv, r.QuickBooksCount);
        foreach (var cents in new[] { r.Groundwork, r.QuickBooks, r.GroundworkOpen, r.QuickBooksOpen })
        {
            if (cents is { } c) csv.WriteField(c / 100m, "0.00", CultureInfo.InvariantCulture);
            else csv.WriteField("");
        }
        csv.WriteField(r.Message ?? "");
        await csv.EndRecordAsync(ct);
    }

    private static void Number(CsvWriter csv, long? value)
    {
        if (value is { } v) csv.WriteField(v, "", CultureInfo.InvariantCulture);
        else csv.WriteField("");
    }
}
