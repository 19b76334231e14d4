using System.Runtime.CompilerServices;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Log;

/// <summary>The transactions log's filters, shared by the JSON list, the CSV download and the page.</summary>
public sealed class SyncLogFilter
{
    /// <summary>Part of a reference (document number or name), requestid, intuit_tid, message or QBO id.</summary>
    public string? Q { get; set; }
    /// <summary>From the query string only: on a Razor page the route value "page" is the page's own path.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int? Page { get; set; }
    public int? PageSize { get; set; }
    /// <summary>Only what went wrong: QBO refused or did not answer, or pre-flight refused.</summary>
    public bool? ErrorsOnly { get; set; }
    /// <summary>invoice, bill, customer, location, vendor or job.</summary>
    public string? Kind { get; set; }
    /// <summary>One invoice's or bill's lines (its audit trail).</summary>
    public long? DocumentId { get; set; }
}

/// <summary>One line of the transactions log as the API, the page and the CSV show it.</summary>
public sealed record SyncLogRow(long Id, DateTime AtUtc, string Kind, long LocalId, string? Reference, string Trigger, string Operation, string? Entity,
    string? RequestId, string Result, string? QboId, string? SyncToken, string? IntuitTid, string? Code, string? Message);

/// <summary>
/// The organization's transactions log, newest first: every QBO request a push made and every push pre-flight refused.
/// The tenant filter scopes it; Accountants and up read it.
/// </summary>
public sealed class SyncLogQuery(GroundworkDbContext db) : IUseCase
{
    /// <summary>Most rows in one CSV download; the file says so on its last line when there were more.</summary>
    public const int CsvRowCap = 100_000;

    /// <summary>The kinds that write log lines, by their name in URLs and JSON.</summary>
    public static readonly IReadOnlyList<LinkedKind> Kinds =
        [LinkedKind.Invoice, LinkedKind.Bill, LinkedKind.Customer, LinkedKind.Location, LinkedKind.Vendor, LinkedKind.Job, LinkedKind.Payment];

    public async Task<Outcome<PageOf<SyncLogRow>>> ListAsync(SyncLogFilter filter, CancellationToken ct)
    {
        if (!TryFilter(filter, out var rows, out var refused)) return Outcome<PageOf<SyncLogRow>>.Invalid("kind", refused);
        var paging = new ListQuery { Q = filter.Q, Page = filter.Page, PageSize = filter.PageSize };
        var total = await rows.CountAsync(ct);
        var page = await rows.Skip(paging.Skip).Take(paging.SafePageSize).ToListAsync(ct);
        return Outcome<PageOf<SyncLogRow>>.Ok(new PageOf<SyncLogRow>(page.Select(Row).ToList(), paging.SafePage, paging.SafePageSize, total));
    }

    /// <summary>Every matching row, newest first, read as it is written out; one more than <paramref name="cap"/> says there were more.</summary>
    public Outcome<IAsyncEnumerable<SyncLogRow>> Stream(SyncLogFilter filter, int cap = CsvRowCap) =>
        TryFilter(filter, out var rows, out var refused)
            ? Outcome<IAsyncEnumerable<SyncLogRow>>.Ok(ReadAsync(rows.Take(cap + 1)))
            : Outcome<IAsyncEnumerable<SyncLogRow>>.Invalid("kind", refused);

    public static string KindName(LinkedKind kind) => DocumentSyncView.Camel(kind);

    private bool TryFilter(SyncLogFilter filter, out IQueryable<QboSyncLogEntry> rows, out string refused)
    {
        rows = db.QboSyncLog.AsNoTracking();
        refused = "";
        if (!string.IsNullOrWhiteSpace(filter.Kind))
        {
            var kind = Kinds.Where(k => string.Equals(KindName(k), filter.Kind.Trim(), StringComparison.OrdinalIgnoreCase)).Select(k => (LinkedKind?)k).FirstOrDefault();
            if (kind is null)
            {
                refused = $"Unknown kind “{filter.Kind}”: use one of {string.Join(", ", Kinds.Select(KindName))}.";
                return false;
            }
            rows = rows.Where(e => e.Kind == kind.Value);
        }
        if (filter.ErrorsOnly == true) rows = rows.Where(e => e.Result == SyncResult.Failed || e.Result == SyncResult.Refused);
        if (filter.DocumentId is { } documentId)
        {
            rows = rows.Where(e => (e.Kind == LinkedKind.Invoice || e.Kind == LinkedKind.Bill) && e.LocalId == documentId);
        }
        if (new ListQuery { Q = filter.Q }.Term?.ToLower() is { } t)
        {
            rows = rows.Where(e => e.Reference!.ToLower().Contains(t) || e.RequestId!.ToLower().Contains(t) || e.IntuitTid!.ToLower().Contains(t)
                || e.Message!.ToLower().Contains(t) || e.QboId!.ToLower().Contains(t));
        }
        // Rows written in one transaction share a time; the id keeps their order.
        rows = rows.OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id);
        return true;
    }

    private static async IAsyncEnumerable<SyncLogRow> ReadAsync(IQueryable<QboSyncLogEntry> rows, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var entry in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return Row(entry);
        }
    }

    private static SyncLogRow Row(QboSyncLogEntry e) => new(e.Id, e.AtUtc, KindName(e.Kind), e.LocalId, e.Reference, e.Trigger, e.Operation, e.Entity,
        e.RequestId, DocumentSyncView.Camel(e.Result), e.QboId, e.SyncToken, e.IntuitTid, e.Code, e.Message);
}
