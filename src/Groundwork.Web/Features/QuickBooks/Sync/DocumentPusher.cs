using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>How one record's push ended, for the drain.</summary>
public enum PushEnd
{
    Synced,
    NeedsAttention,
    /// <summary>A payment waits (for its documents or an account): its rows stay, skipped until released.</summary>
    Waiting,
    /// <summary>The record's row was dropped (its run cancelled) just before its create was sent: nothing sent, nothing to record.</summary>
    Dropped,
}

/// <summary>
/// Pushes one document from its plan: names first (linked, linked by name, or created — looked up by DisplayName before
/// any create), then the transaction. Exactly once: every write carries <c>gw-{documentId}-{generation}-{op}</c>; a create
/// whose answer may have been lost (<see cref="QboOutboxEntry.Uncertain"/>) looks the record up by Groundwork's marker
/// first; the link table's unique keys make a second link impossible.
/// </summary>
internal sealed class DocumentPusher(GroundworkDbContext db, QboWrites qbo, NamePusher names, SyncJournal journal, DateTime now)
{
    public async Task<PushEnd> PushAsync(QboConnection connection, PushPlan plan, QboOutboxEntry entry, CancellationToken ct)
    {
        var kind = SyncOutbox.LinkKind(plan.Kind);
        if (!plan.CanPush)
        {
            var first = plan.Problems[0];
            journal.Add(kind, plan.DocumentId, plan.Number, entry.Trigger, "check", plan.Entity, null, SyncResult.Refused, code: first.Code,
                message: string.Join(" ", plan.Problems.Select(p => p.Message)));
            // A record deleted in QuickBooks keeps saying so (with its re-push) rather than becoming a generic problem.
            var state = first.Code == PushChecks.DeletedInQuickBooks ? SyncState.DeletedInQuickBooks : SyncState.NeedsAttention;
            await DocumentSyncs.SetAsync(db, connection.Id, plan.DocumentId, state, first.Message, first.Code, null, now, ct);
            return PushEnd.NeedsAttention;
        }
        var ids = new Dictionary<(LinkedKind, long), string>();
        foreach (var name in plan.Names)
        {
            ids[QboDocumentMapper.Key(name)] = await names.EnsureAsync(connection, name, ids, entry.Trigger, ct);
        }

        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == kind && l.LocalId == plan.DocumentId, ct);
        QboTransaction saved;
        string? tid;
        if (link is null || link.State == QboLinkState.Deleted)
        {
            // A re-push after a delete in QBO creates under the link's new generation, so the deleted record's create never replays.
            var refusals = await RefusalsAsync(kind, plan.DocumentId, ct);
            var requestId = RequestId(plan.DocumentId, plan.Generation, Retried("create", refusals));
            var found = entry.Uncertain ? await FindAsync(plan, ct) : null;
            if (found is not null)
            {
                (saved, tid) = (found, null);
                journal.Add(kind, plan.DocumentId, plan.Number, entry.Trigger, "lookup", plan.Entity, null, SyncResult.Found, found.Id, found.SyncToken,
                    message: "Found in QuickBooks by Groundwork's marker after an unanswered create; not created again.");
            }
            else
            {
                // Written before the write (directly: the drain's rows are not tracked): if the answer is lost (or this process
                // dies), the next attempt looks first. No row to mark: a cancel dropped it while the names went, so nothing goes.
                entry.Uncertain = true;
                if (await db.QboOutbox.Where(e => e.Id == entry.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, true), ct) == 0) return PushEnd.Dropped;
                (saved, tid) = await CreateAsync(QboDocumentMapper.ToWire(plan, ids), requestId, ct);
                journal.Add(kind, plan.DocumentId, plan.Number, entry.Trigger, "create", plan.Entity, requestId, SyncResult.Succeeded, saved.Id, saved.SyncToken, tid);
            }
            if (link is null)
            {
                link = new QboLink { ConnectionId = connection.Id, Kind = kind, LocalId = plan.DocumentId, Source = QboLinkSource.Created };
                db.QboLinks.Add(link);
            }
            link.Source = QboLinkSource.Created;
            link.PointAt(plan.Entity, saved.Id!, saved.DocNumber ?? plan.Number);
        }
        else
        {
            var generation = link.Generation;
            var refusals = await RefusalsAsync(kind, plan.DocumentId, ct);
            (saved, tid) = await UpdateAsync(QboDocumentMapper.ToWire(plan, ids, link.QboId, link.SyncToken ?? "0"),
                token => RequestId(plan.DocumentId, generation, Retried("u" + token, refusals)), ct);
            journal.Add(kind, plan.DocumentId, plan.Number, entry.Trigger, "update", plan.Entity, RequestId(plan.DocumentId, generation, Retried("u" + link.SyncToken, refusals)),
                SyncResult.Succeeded, saved.Id, saved.SyncToken, tid);
            link.QboName = saved.DocNumber ?? plan.Number;
        }
        link.SyncToken = saved.SyncToken;
        return await SettleAsync(connection, plan, saved, tid, ct);
    }

    /// <summary>Groundwork's total and QBO's TotalAmt must agree to the cent, or the document is flagged (and stays linked).</summary>
    private async Task<PushEnd> SettleAsync(QboConnection connection, PushPlan plan, QboTransaction saved, string? tid, CancellationToken ct)
    {
        if (saved.TotalAmt is { } total && total != plan.Total)
        {
            var message = TotalMismatchMessage(total, plan.Total);
            await DocumentSyncs.SetAsync(db, connection.Id, plan.DocumentId, SyncState.NeedsAttention, message, PushChecks.TotalMismatch, tid, now, ct);
            return PushEnd.NeedsAttention;
        }
        await DocumentSyncs.SetAsync(db, connection.Id, plan.DocumentId, SyncState.Synced, null, null, tid, now, ct);
        return PushEnd.Synced;
    }

    public static string TotalMismatchMessage(decimal qbo, decimal groundwork) =>
        $"QuickBooks' total is {qbo:0.00} but Groundwork's is {groundwork:0.00}. Check the tax and lines in QuickBooks.";

    /// <summary>≤ 50 characters: QBO's limit for a requestid.</summary>
    public static string RequestId(long documentId, int generation, string op) => $"gw-{documentId}-{generation}-{op}";

    /// <summary>The journal's operation for a write QuickBooks refused (a fault, not a lost answer).</summary>
    public const string RefusedOperation = "refused";

    /// <summary>
    /// QBO answers a repeated requestid with the answer it kept, a refusal included: each write after a refusal of the
    /// document gets the next id (<c>create</c>, <c>create-r1</c>, …). A write that got no answer keeps its id, so its replay
    /// is QBO's first answer, never a second record.
    /// </summary>
    private static string Retried(string op, int refusals) => refusals == 0 ? op : $"{op}-r{refusals}";

    private Task<int> RefusalsAsync(LinkedKind kind, long documentId, CancellationToken ct) =>
        db.QboSyncLog.CountAsync(e => e.Kind == kind && e.LocalId == documentId && e.Operation == RefusedOperation, ct);

    private async Task<(QboTransaction, string?)> CreateAsync(QboEntity wire, string requestId, CancellationToken ct) => wire switch
    {
        QboInvoice i => Unwrap(await qbo.CreateAsync(i, requestId, ct)),
        QboCreditMemo m => Unwrap(await qbo.CreateAsync(m, requestId, ct)),
        QboBill b => Unwrap(await qbo.CreateAsync(b, requestId, ct)),
        _ => throw new NotSupportedException(wire.GetType().Name),
    };

    private async Task<(QboTransaction, string?)> UpdateAsync(QboEntity wire, Func<string, string> requestId, CancellationToken ct) => wire switch
    {
        QboInvoice i => Unwrap(await qbo.UpdateAsync(i, requestId, ct)),
        QboCreditMemo m => Unwrap(await qbo.UpdateAsync(m, requestId, ct)),
        QboBill b => Unwrap(await qbo.UpdateAsync(b, requestId, ct)),
        _ => throw new NotSupportedException(wire.GetType().Name),
    };

    private static (QboTransaction, string?) Unwrap<T>(QboResult<T> result) where T : QboTransaction => (result.Value, result.IntuitTid);

    /// <summary>After an unanswered create: the record in QBO carrying this document's marker, by DocNumber when sent, else by date.</summary>
    private async Task<QboTransaction?> FindAsync(PushPlan plan, CancellationToken ct)
    {
        var query = QboQuery.From(plan.Entity);
        query = plan.DocNumber is { } number ? query.WhereEquals("DocNumber", number) : query.WhereEquals("TxnDate", plan.TxnDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        query = query.MaxResults(QboQuery.MaxPageSize);
        IEnumerable<QboTransaction> found = plan.Entity switch
        {
            "Bill" => await qbo.QueryAsync<QboBill>(query, ct),
            "CreditMemo" => await qbo.QueryAsync<QboCreditMemo>(query, ct),
            _ => await qbo.QueryAsync<QboInvoice>(query, ct),
        };
        return found.FirstOrDefault(t => t.PrivateNote?.Contains(plan.Marker, StringComparison.Ordinal) == true);
    }
}
