using System.Globalization;
using CsvHelper;

namespace Groundwork.Web.Features.QuickBooks.Sync.Log;

/// <summary>
/// The transactions log as CSV for accountants' spreadsheets: RFC 4180, UTF-8, times in UTC. Messages and names come from
/// users and from QuickBooks, so a cell that a spreadsheet would run as a formula (= + - @ tab CR) gets a leading apostrophe.
/// </summary>
internal static class SyncLogCsv
{
    public static readonly string[] Header =
        ["timeUtc", "kind", "localId", "reference", "trigger", "operation", "entity", "requestId", "result", "qboId", "syncToken", "intuit_tid", "code", "message"];

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, InjectionEscape = '\'' };

    public static string FileName(DateOnly day) => $"quickbooks-log-{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.csv";

    /// <param name="rows">Newest first; at most <paramref name="cap"/> are written, and one more means the log had more.</param>
    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<SyncLogRow> rows, int cap, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        await csv.WriteRecordAsync(Header, ct);
        var written = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (written == cap)
            {
                await csv.WriteRecordAsync(Truncated(cap), ct);
                break;
            }
            await csv.WriteRecordAsync(Fields(row), ct);
            written++;
        }
    }

    /// <summary>The last line when the log had more rows than a file holds: said in the first column, where a person looks.</summary>
    public static string[] Truncated(int cap)
    {
        var note = new string[Header.Length];
        note[0] = $"Only the newest {cap.ToString("N0", CultureInfo.InvariantCulture)} entries are in this file. Narrow the filters (kind, errors only, search) to download older ones.";
        return note;
    }

    private static string?[] Fields(SyncLogRow r) =>
    [
        r.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), r.Kind, r.LocalId.ToString(CultureInfo.InvariantCulture), r.Reference,
        r.Trigger, r.Operation, r.Entity, r.RequestId, r.Result, r.QboId, r.SyncToken, r.IntuitTid, r.Code, r.Message,
    ];
}
