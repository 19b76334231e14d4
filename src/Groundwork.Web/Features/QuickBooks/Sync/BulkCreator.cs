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
/// Creates documents whose names are all linked at QBO's per-company ceiling: batch lanes send batch requests (30 creates
/// each, only full ones) and single lanes send single creates, all at once, so both QBO allowances — 40 batch requests and
/// the other requests of each minute — are used; the company's gateway keeps every lane inside them. The drain feeds it
/// while it sends (<see cref="Add"/>), takes results as they come (<see cref="TakeResults"/>) and says when nothing more will
/// come (<see cref="Complete"/>), so the lanes never wait for Groundwork's own database. Only QBO is called here: the caller
/// records the results (one DbContext is not shared across lanes).
/// </summary>
internal sealed class BulkCreator(QboCompanyCalls calls, long organizationId)
{
    /// <summary>
    /// Lanes of single creates beside the batch lanes. Default 6: the other requests' allowance (460 a minute) needs about 7.7
    /// creates a second, which three lanes only reach while a create answers within 400 ms.
    /// </summary>
    public const int SingleLanes = 6;

    /// <summary>
    /// Lanes of batch requests. One is not enough: 40 batches a minute leave 1.5 s per batch, and a batch of 30 creates can
    /// take QBO longer than that. Three batch lanes and the single lanes stay within QBO's 10 requests in flight.
    /// </summary>
    public const int BatchLanes = 3;

    private readonly ConcurrentQueue<PushPlan> _queue = new();
    private readonly ConcurrentQueue<BulkResult> _results = new();
    private readonly object _gate = new();
    private TaskCompletionSource _changed = NewSignal();
    private volatile bool _completed;
    private volatile bool _finished;
    private Task? _lanes;

    /// <summary>Documents added and not yet taken by a lane.</summary>
    public int Waiting => _queue.Count;

    /// <summary>Every lane has ended: all added documents have a result (or a lane failed; awaiting the lanes rethrows it).</summary>
    public bool Finished => _finished;

    /// <summary>Starts the lanes once; the task ends when <see cref="Complete"/> was called and every document has a result.</summary>
    public Task Start(CancellationToken ct) => _lanes ??= RunLanesAsync(ct);

    public void Add(IEnumerable<PushPlan> plans)
    {
        foreach (var plan in plans) _queue.Enqueue(plan);
        Signal();
    }

    /// <summary>Nothing more will be added: the lanes end when the queue is empty.</summary>
    public void Complete()
    {
        _completed = true;
        Signal();
    }

    /// <summary>
    /// Takes back the documents no lane has taken yet that <paramref name="cancelled"/> names (their run was cancelled):
    /// they are never sent. A document a lane already holds is seen through.
    /// </summary>
    public List<PushPlan> Withdraw(Func<PushPlan, bool> cancelled)
    {
        var kept = new List<PushPlan>();
        var taken = new List<PushPlan>();
        while (_queue.TryDequeue(out var plan)) (cancelled(plan) ? taken : kept).Add(plan);
        foreach (var plan in kept) _queue.Enqueue(plan);
        Signal();
        return taken;
    }

    public List<BulkResult> TakeResults()
    {
        var taken = new List<BulkResult>(_results.Count);
        while (_results.TryDequeue(out var result)) taken.Add(result);
        return taken;
    }

    /// <summary>
    /// Waits until at least <paramref name="results"/> results are ready, fewer than <paramref name="lowWater"/> documents wait
    /// (time to add more), the lanes have ended, or <paramref name="atMost"/> has passed (the caller looks for a cancelled run).
    /// </summary>
    public async Task WaitAsync(int results, int lowWater, TimeSpan atMost, CancellationToken ct)
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + (long)(atMost.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (_results.Count >= results || (!_completed && _queue.Count < lowWater) || Finished) return;
            var left = System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), until);
            if (left <= TimeSpan.Zero) return;
            try
            {
                await changed.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            fired = _changed;
            _changed = NewSignal();
        }
        fired.TrySetResult();
    }

    /// <summary>Until <paramref name="waiting"/> documents wait, or nothing more will come.</summary>
    private Task WaitForAsync(int waiting, CancellationToken ct)
    {
        Task changed;
        lock (_gate) changed = _changed.Task;
        // Checked after taking the signal, so an Add between the caller's look at the queue and this wait is not missed.
        return _completed || _queue.Count >= waiting ? Task.CompletedTask : changed.WaitAsync(ct);
    }

    private void Done(BulkResult result)
    {
        _results.Enqueue(result);
        Signal();
    }

    private async Task RunLanesAsync(CancellationToken ct)
    {
        // Leave the caller's turn first: the lanes start sending on the thread pool.
        await Task.Yield();
        try
        {
            using var singlesDone = new CancellationTokenSource();
            var batchLanes = Task.WhenAll(Enumerable.Range(0, BatchLanes).Select(_ => BatchLaneAsync(singlesDone.Token, ct)));
            await SinglesAsync(ct);
            // Nothing left for the single lanes: a batch still waiting for the minute's batch allowance gives its documents
            // back for them, rather than hold every lane until a batch permit frees, up to a whole window later.
            await singlesDone.CancelAsync();
            await batchLanes;
            if (!_queue.IsEmpty) await SinglesAsync(ct);
        }
        finally
        {
            // Set before the signal, so a waiter woken by it sees the end (and one woken by a lane's failure too).
            _finished = true;
            Signal();
        }
    }

    private Task SinglesAsync(CancellationToken ct) => Task.WhenAll(Enumerable.Range(0, SingleLanes).Select(_ => SingleLaneAsync(ct)));

    private async Task BatchLaneAsync(CancellationToken singlesDone, CancellationToken ct)
    {
        while (!singlesDone.IsCancellationRequested)
        {
            if (_queue.Count < QboClient.MaxBatchItems)
            {
                // A short batch would spend one of the minute's few batch permits on fewer documents: wait for more, or, once
                // nothing more comes, leave the rest to the single lanes.
                if (_completed) return;
                await WaitForAsync(QboClient.MaxBatchItems, ct);
                continue;
            }
            var batch = new List<PushPlan>(QboClient.MaxBatchItems);
            while (batch.Count < QboClient.MaxBatchItems && _queue.TryDequeue(out var plan)) batch.Add(plan);
            if (batch.Count < QboClient.MaxBatchItems)
            {
                // Another lane took some meanwhile.
                foreach (var plan in batch) _queue.Enqueue(plan);
                continue;
            }
            var requestId = BatchRequestId(batch);
            var items = batch.Select((p, i) => Item(i.ToString(System.Globalization.CultureInfo.InvariantCulture), p)).ToList();
            try
            {
                if (await SendAsync(items, requestId, singlesDone, ct) is not { } answer)
                {
                    Add(batch);
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
                    Done(new BulkResult(batch[i], saved, itemId, answer.IntuitTid, error));
                }
            }
            catch (QboException ex)
            {
                foreach (var plan in batch) Done(new BulkResult(plan, null, requestId, ex.IntuitTid, ex));
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

    private async Task SingleLaneAsync(CancellationToken ct)
    {
        while (true)
        {
            if (!_queue.TryDequeue(out var plan))
            {
                if (_completed) return;
                await WaitForAsync(1, ct);
                continue;
            }
            var requestId = DocumentPusher.RequestId(plan.DocumentId, 0, "create");
            try
            {
                var (saved, tid) = await CreateAsync(plan, requestId, ct);
                Done(new BulkResult(plan, saved, requestId, tid, null));
            }
            catch (QboException ex)
            {
                Done(new BulkResult(plan, null, requestId, ex.IntuitTid, ex));
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
