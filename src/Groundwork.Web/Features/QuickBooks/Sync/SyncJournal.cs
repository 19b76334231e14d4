using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>Writes the transactions log (each document's audit trail is its slice of it); saved with the caller's changes.</summary>
public sealed class SyncJournal(GroundworkDbContext db, AppClock clock)
{
    public QboSyncLogEntry Add(LinkedKind kind, long localId, string? reference, string trigger, string operation, string? entity, string? requestId,
        SyncResult result, string? qboId = null, string? syncToken = null, string? intuitTid = null, string? code = null, string? message = null)
    {
        var entry = Entry(kind, localId, reference, trigger, operation, entity, requestId, result, qboId, syncToken, intuitTid, code, message);
        db.QboSyncLog.Add(entry);
        return entry;
    }

    /// <summary>A log line not yet added: for a caller that writes many at once (<see cref="Data.BulkInsert"/>).</summary>
    public QboSyncLogEntry Entry(LinkedKind kind, long localId, string? reference, string trigger, string operation, string? entity, string? requestId,
        SyncResult result, string? qboId = null, string? syncToken = null, string? intuitTid = null, string? code = null, string? message = null) =>
        new()
        {
            AtUtc = clock.UtcNow, Kind = kind, LocalId = localId, Reference = DocumentSyncs.Clip(reference, Limits.Name), Trigger = DocumentSyncs.Clip(trigger, 256)!,
            Operation = operation, Entity = entity, RequestId = requestId, Result = result, QboId = qboId, SyncToken = syncToken, IntuitTid = intuitTid,
            Code = DocumentSyncs.Clip(code, 32), Message = DocumentSyncs.Clip(message, 2000),
        };

    public QboSyncLogEntry Failed(LinkedKind kind, long localId, string? reference, string trigger, string operation, string? entity, string? requestId, QboException ex) =>
        Add(kind, localId, reference, trigger, operation, entity, requestId, SyncResult.Failed, intuitTid: ex.IntuitTid,
            code: ex.Fault.Code ?? (ex.StatusCode is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no-answer"),
            message: Describe(ex));

    /// <summary>QBO's own words: message, detail and the element it named.</summary>
    public static string Describe(QboException ex) =>
        ex.StatusCode is null ? "QuickBooks did not answer." :
        $"{ex.Fault.Message}{(string.IsNullOrWhiteSpace(ex.Fault.Detail) ? "" : " — " + ex.Fault.Detail)}{(string.IsNullOrWhiteSpace(ex.Fault.Element) ? "" : $" (field {ex.Fault.Element})")}";
}
