using System.Globalization;
using System.Runtime.CompilerServices;
using Groundwork.QuickBooks.Http;
using Groundwork.QuickBooks.Wire;

namespace Groundwork.QuickBooks;

public sealed partial class QboClient
{
    /// <summary>QBO's limit of items per batch request.</summary>
    public const int MaxBatchItems = 30;

    /// <summary>Runs one query page as given (set STARTPOSITION/MAXRESULTS on the query).</summary>
    public async Task<QboQueryPage<T>> QueryAsync<T>(QboCompanyContext company, QboQuery query, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.IsCount || query.Entity != T.EntityName)
        {
            throw new ArgumentException($"The query must select * from {T.EntityName}.", nameof(query));
        }

        var (response, tid) = await RunQueryAsync(company, query, cancellationToken).ConfigureAwait(false);
        var page = response.QueryResponse;
        return new QboQueryPage<T>(page?.Get<T>() ?? [], page?.StartPosition, page?.MaxResults, tid);
    }

    /// <summary>Every row of the query, fetched page by page through STARTPOSITION/MAXRESULTS.</summary>
    public async IAsyncEnumerable<T> QueryAllAsync<T>(
        QboCompanyContext company,
        QboQuery query,
        int pageSize = QboQuery.MaxPageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : QboEntity, IQboEntity<T>
    {
        ArgumentNullException.ThrowIfNull(query);
        for (var start = 1; ; start += pageSize)
        {
            var page = await QueryAsync<T>(company, query.StartPosition(start).MaxResults(pageSize), cancellationToken)
                .ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            // A short page is the last one; QBO gives no total with a SELECT *.
            if (page.Items.Count < pageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Runs a <see cref="QboQuery.Count"/> query.</summary>
    public async Task<int> CountAsync(QboCompanyContext company, QboQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.IsCount)
        {
            throw new ArgumentException("Use QboQuery.Count(...) for a count.", nameof(query));
        }

        var (response, _) = await RunQueryAsync(company, query, cancellationToken).ConfigureAwait(false);
        return response.QueryResponse?.TotalCount ?? 0;
    }

    /// <summary>Entities changed since <paramref name="changedSince"/> (at most 30 days back, 1000 objects per answer).</summary>
    public async Task<QboResult<IReadOnlyList<QboCdcResult>>> ChangeDataCaptureAsync(
        QboCompanyContext company, IEnumerable<string> entityNames, DateTimeOffset changedSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entityNames);
        var names = string.Join(',', entityNames);
        ArgumentException.ThrowIfNullOrWhiteSpace(names, nameof(entityNames));
        var since = changedSince.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        using var request = _requests.Get(company, "cdc", ("entities", names), ("changedSince", since));
        var (response, tid) = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new QboResult<IReadOnlyList<QboCdcResult>>(response.CdcResponse ?? [], tid, response.Time);
    }

    /// <summary>
    /// Sends up to 30 operations in one request. Each item succeeds or fails on its own: a failed item carries its
    /// own <see cref="QboBatchItemResponse.Fault"/> and does not throw.
    /// </summary>
    public async Task<QboResult<IReadOnlyList<QboBatchItemResponse>>> BatchAsync(
        QboCompanyContext company, IReadOnlyList<QboBatchItemRequest> items, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count is 0 or > MaxBatchItems)
        {
            throw new ArgumentException($"A batch holds 1 to {MaxBatchItems} items.", nameof(items));
        }

        var body = QboRequestFactory.Json(new QboBatchRequest { BatchItemRequest = items });
        using var request = _requests.PostBatch(company, requestId, body);
        var (response, tid) = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new QboResult<IReadOnlyList<QboBatchItemResponse>>(response.BatchItemResponse ?? [], tid, response.Time);
    }

    private async Task<(QboResponse Response, string? IntuitTid)> RunQueryAsync(
        QboCompanyContext company, QboQuery query, CancellationToken cancellationToken)
    {
        using var request = _requests.Get(company, "query", ("query", query.ToString()));
        return await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
