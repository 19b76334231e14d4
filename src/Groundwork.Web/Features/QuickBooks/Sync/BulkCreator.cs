using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>How one bulk create ended: the QBO record, or the fault (a whole batch that got no answer gives every item its fault).</summary>
internal sealed record BulkResult(PushPlan Plan, QboTransaction? Saved, string RequestId, string? IntuitTid, QboException? Error);

/// <summary>
/// Creates documents whose names are all linked at QBO's per-company ceiling: one lane sends batch requests (30 creates
/// each, only full ones) and a few lanes send single creates, all at once, so both QBO allowances — 40 batch requests and
/// the other requests of each minute — are used; the company's gateway keeps every lane inside them. Only QBO is called
/// here: the caller records the results (one DbContext is not shared across lanes).
/// </summary>
internal sealed class BulkCreator(QboCompanyCalls calls, long organizationId)
{
    /// <summary>
    /// Lanes of single creates beside the batch lane. Default 6: the other requests' allowance (441 a minute) needs about 7.4
    /// creates a second, which three lanes only reach while a create answers within 400 ms; QBO allows 10 requests in flight.
    /// </summary>
    public const int SingleLanes = 6;

    public async Task<List<BulkResult>> RunAsync(IReadOnlyList<PushPlan> plans, CancellationToken ct)
    {
        var queue = new ConcurrentQueue<PushPlan>(plans);
        var results = new ConcurrentBag<BulkResult>();
        using var singlesDone = new CancellationTokenSource();
        var batchLane = BatchLaneAsync(queue, results, singlesDone.Token, ct);
        await SinglesAsync(queue, results, ct);
        // Nothing left for the single lanes: a batch still waiting for the minute's batch allowance gives its documents back
        // for them, rather than hold the chunk (and every lane) until a batch permit frees, up to a whole window later.
        await singlesDone.CancelAsync();
        await batchLane;
        if (!queue.IsEmpty) await SinglesAsync(queue, results, ct);
        return [.. results];
    }

    private Task SinglesAsync(ConcurrentQueue<PushPlan> queue, ConcurrentBag<BulkResult> results, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, SingleLanes).Select(_ => SingleLaneAsync(queue, results, ct)));

    private async Task BatchLaneAsync(ConcurrentQueue<PushPlan> queue, ConcurrentBag<BulkResult> results, CancellationToken singlesDone, CancellationToken ct)
    {
        while (!singlesDone.IsCancellationRequested)
        {
            var batch = new List<PushPlan>(QboClient.MaxBatchItems);
            while (batch.Count < QboClient.MaxBatchItems && queue.TryDequeue(out var plan)) batch.Add(plan);
            if (batch.Count < QboClient.MaxBatchItems)
            {
                // A short batch would spend one of the minute's few batch permits on fewer documents: the single lanes take them.
                foreach (var plan in batch) queue.Enqueue(plan);
                return;
            }
            var requestId = BatchRequestId(batch);
            var items = batch.Select((p, i) => Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture), p)).ToList();
            try
            {
                if (await SendAsync(items, requestId, singlesDone, ct) is not { } answer)
                {
                    foreach (var plan in batch) queue.Enqueue(plan);
                    return;
                }
                var byId = answer.Value.ToDictionary(r => r.BatchId ?? "", StringComparer.Ordinal);
                for (var i = 0; i < batch.Count; i++)
                {
                    var itemId = $"{requestId}#{i}";
                    var response = byId.GetValueOrDefault(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    QboTransaction? saved = batch[i].Entity switch
                    {
                        "Bill" => response?.Bill,
                        "CreditMemo" => response?.CreditMemo,
                        _ => response?.Invoice,
                    };
                    var error = saved is not null ? null : new QboException(response?.Fault is { } f
                        ? QboFault.FromBody(f, answer.IntuitTid)
                        : new QboFault(null, "QuickBooks answered the batch without this item.", null, null, null, answer.IntuitTid, []), System.Net.HttpStatusCode.BadRequest);
                    results.Add(new BulkResult(batch[i], saved, itemId, answer.IntuitTid, error));
                }
            }
            catch (QboException ex)
            {
                foreach (var plan in batch) results.Add(new BulkResult(plan, null, requestId, ex.IntuitTid, ex));
            }
        }
    }

    /// <summary>
    /// The batch request, or null when <paramref name="giveUp"/> came while it still waited for a permit, before anything was
    /// sent. Once sent it is seen through: sending the same requestid again (after a wait that the give-up cut short) gets
    /// QBO's first answer, never a second set of documents.
    /// </summary>
    private async Task<QboResult<IReadOnlyList<QboBatchItemResponse>>?> SendAsync(List<QboBatchItemRequest> items, string requestId, CancellationToken giveUp,
        CancellationToken ct)
    {
        var sent = 0;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(giveUp, ct);
        try
        {
            return await calls.CallAsync(organizationId, (c, company, _) =>
            {
                Volatile.Write(ref sent, 1);
                return c.BatchAsync(company, items, requestId, ct);
            }, either.Token, batch: true);
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            if (Volatile.Read(ref sent) == 0) return null;
            return await calls.CallAsync(organizationId, (c, company, t) => c.BatchAsync(company, items, requestId, t), ct, batch: true);
        }
    }

    private async Task SingleLaneAsync(ConcurrentQueue<PushPlan> queue, ConcurrentBag<BulkResult> results, CancellationToken ct)
    {
        // Leave the first batch its items: singles only take what is left once a batch is on its way.
        await Task.Yield();
        while (queue.TryDequeue(out var plan))
        {
            var requestId = DocumentPusher.RequestId(plan.DocumentId, 0, "create");
            try
            {
                var (saved, tid) = await CreateAsync(plan, requestId, ct);
                results.Add(new BulkResult(plan, saved, requestId, tid, null));
            }
            catch (QboException ex)
            {
                results.Add(new BulkResult(plan, null, requestId, ex.IntuitTid, ex));
            }
        }
    }

    private async Task<(QboTransaction, string?)> CreateAsync(PushPlan plan, string requestId, CancellationToken ct)
    {
        var wire = QboDocumentMapper.ToWire(plan, Ids(plan));
        switch (wire)
        {
            case QboInvoice i:
                var invoice = await calls.CallAsync(organizationId, (c, company, t) => c.CreateAsync(company, i, requestId, t), ct);
                return (invoice.Value, invoice.IntuitTid);
            case QboCreditMemo m:
                var memo = await calls.CallAsync(organizationId, (c, company, t) => c.CreateAsync(company, m, requestId, t), ct);
                return (memo.Value, memo.IntuitTid);
            default:
                var bill = await calls.CallAsync(organizationId, (c, company, t) => c.CreateAsync(company, (QboBill)wire, requestId, t), ct);
                return (bill.Value, bill.IntuitTid);
        }
    }

    private static QboBatchItemRequest Item(string id, PushPlan plan) => QboDocumentMapper.ToWire(plan, Ids(plan)) switch
    {
        QboInvoice i => QboBatchItemRequest.For(id, QboBatchOperation.Create, i),
        QboCreditMemo m => QboBatchItemRequest.For(id, QboBatchOperation.Create, m),
        QboBill b => QboBatchItemRequest.For(id, QboBatchOperation.Create, b),
        var other => throw new NotSupportedException(other.GetType().Name),
    };

    private static Dictionary<(LinkedKind, long), string> Ids(PushPlan plan) => plan.Names.ToDictionary(QboDocumentMapper.Key, n => n.QboId!);

    /// <summary>
    /// ≤ 36 characters (QBO's limit for a batch's requestid, with bIds of up to 10): derived from the documents, so a retry
    /// of the same batch after a lost answer replays QBO's first answer instead of creating them again.
    /// </summary>
    internal static string BatchRequestId(IEnumerable<PushPlan> batch)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', batch.Select(p => p.DocumentId))));
        return "gw-b-" + Convert.ToHexStringLower(hash)[..31];
    }
}
