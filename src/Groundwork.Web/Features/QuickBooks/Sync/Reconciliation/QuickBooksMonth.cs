using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>More records than one report reads; the report is refused rather than half-read.</summary>
public sealed class TooManyRecordsException(int cap) : Exception($"More than {cap:N0} QuickBooks records")
{
    public int Cap { get; } = cap;
}

/// <summary>
/// Reads QuickBooks' side of a month through the company's gateway: one query per entity by TxnDate (QBO dates are the
/// company's local dates, and so are Groundwork's), paged with STARTPOSITION/MAXRESULTS 1000, each page one gateway call
/// so it counts against the company's limits. Records are reduced to their facts as each page arrives, and reading stops
/// past <c>cap</c>, so memory stays within the month's data.
/// </summary>
internal sealed class QuickBooksMonth(QboCompanyCalls calls, long organizationId, int cap)
{
    private int _read;

    public async Task<(List<QuickBooksDocument> Documents, List<QuickBooksPayment> Payments)> ReadAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var documents = new List<QuickBooksDocument>();
        var payments = new List<QuickBooksPayment>();
        await PagesAsync<QboInvoice>(from, to, t => documents.Add(QuickBooksDocument.From(t)), ct);
        await PagesAsync<QboCreditMemo>(from, to, t => documents.Add(QuickBooksDocument.From(t)), ct);
        await PagesAsync<QboBill>(from, to, t => documents.Add(QuickBooksDocument.From(t)), ct);
        await PagesAsync<QboPayment>(from, to, t => payments.Add(QuickBooksPayment.From(t)), ct);
        await PagesAsync<QboBillPayment>(from, to, t => payments.Add(QuickBooksPayment.From(t)), ct);
        return (documents, payments);
    }

    /// <summary>Linked records not dated in the month, by id (QBO's Id IN): the ones QuickBooks does not return are deleted there.</summary>
    public async Task<List<QboTransaction>> ByIdAsync(IEnumerable<(string Entity, string Id)> records, CancellationToken ct)
    {
        var found = new List<QboTransaction>();
        foreach (var entity in records.GroupBy(r => r.Entity, StringComparer.Ordinal))
        {
            foreach (var chunk in entity.Select(r => r.Id).Distinct(StringComparer.Ordinal).Chunk(QboChangeFeed.IdsPerQuery))
            {
                var query = QboQuery.From(entity.Key).WhereIn("Id", chunk).MaxResults(QboQuery.MaxPageSize);
                found.AddRange(entity.Key switch
                {
                    QboEntities.Invoice => await QueryAsync<QboInvoice>(query, ct),
                    QboEntities.CreditMemo => await QueryAsync<QboCreditMemo>(query, ct),
                    QboEntities.Bill => await QueryAsync<QboBill>(query, ct),
                    QboEntities.Payment => await QueryAsync<QboPayment>(query, ct),
                    QboEntities.BillPayment => await QueryAsync<QboBillPayment>(query, ct),
                    _ => [],
                });
            }
        }
        return found;
    }

    private async Task PagesAsync<T>(DateOnly from, DateOnly to, Action<T> take, CancellationToken ct) where T : QboTransaction, IQboEntity<T>
    {
        var query = QboQuery.From(T.EntityName).Where("TxnDate", QboOperator.GreaterThanOrEqual, from).Where("TxnDate", QboOperator.LessThanOrEqual, to).OrderBy("Id");
        for (var start = 1; ; start += QboQuery.MaxPageSize)
        {
            var page = await QueryAsync<T>(query.StartPosition(start).MaxResults(QboQuery.MaxPageSize), ct);
            _read += page.Count;
            if (_read > cap) throw new TooManyRecordsException(cap);
            foreach (var item in page) take(item);
            // A short page is the last one: QBO gives no total with SELECT *.
            if (page.Count < QboQuery.MaxPageSize) return;
        }
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(QboQuery query, CancellationToken ct) where T : QboTransaction, IQboEntity<T> =>
        (await calls.CallAsync(organizationId, (c, company, t) => c.QueryAsync<T>(company, query, t), ct, operation: "query", entity: T.EntityName)).Items;
}
