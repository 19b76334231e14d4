using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>One changed transaction as QBO has it now; <see cref="Deleted"/> when QBO says it is gone.</summary>
/// <param name="LastUpdated">QBO's LastUpdatedTime of the change, when known (CDC lists it for deleted entities too).</param>
public sealed record QboChange(string Entity, string Id, QboTransaction? Current, DateTimeOffset? LastUpdated = null)
{
    public bool Deleted => Current is null;
}

/// <summary>What a CDC call returned, and QBO's own time of the answer (where the next one resumes).</summary>
public sealed record QboChanges(IReadOnlyList<QboChange> Items, DateTimeOffset? ServerTime);

/// <summary>
/// The reads the status-back path makes in QBO. An interface because a test replaces it to drive the company grain
/// with answers that complete synchronously; <see cref="QboChangeFeed"/> is the real one.
/// </summary>
public interface IQboChangeFeed
{
    /// <summary>The entity as QBO has it now, or a deleted change when QBO answers 610 (Object Not Found).</summary>
    Task<QboChange> ReadAsync(string entity, string id, CancellationToken ct);

    /// <summary>Documents or payments of one entity by id (a full reconcile); the ids QBO does not return are gone.</summary>
    Task<IReadOnlyList<QboTransaction>> ReadManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken ct);

    /// <summary>Change data capture of <see cref="QboEntities.Watched"/> since <paramref name="since"/> (QBO time, within 30 days).</summary>
    Task<QboChanges> ChangesSinceAsync(DateTimeOffset since, CancellationToken ct);

    /// <summary>QBO's clock now (from a CompanyInfo read): where CDC resumes after a full reconcile.</summary>
    Task<DateTimeOffset?> ServerTimeAsync(CancellationToken ct);
}

/// <summary>The QBO entity names the status-back path reads, and their wire types.</summary>
public static class QboEntities
{
    public const string Invoice = "Invoice";
    public const string CreditMemo = "CreditMemo";
    public const string Bill = "Bill";
    public const string Payment = "Payment";
    public const string BillPayment = "BillPayment";

    /// <summary>What CDC asks for: the documents Groundwork links and the payments that settle them.</summary>
    public static readonly IReadOnlyList<string> Watched = [Invoice, CreditMemo, Bill, Payment, BillPayment];

    public static bool IsDocument(string entity) => entity is Invoice or CreditMemo or Bill;

    public static bool IsPayment(string entity) => entity is Payment or BillPayment;
}

/// <summary>Reads through the organization's gateway (its limits, token and retries), for the organization in scope.</summary>
internal sealed class QboChangeFeed(QboCompanyCalls calls, ITenantContext tenant) : IQboChangeFeed
{
    /// <summary>Ids per query in a reconcile: well inside QBO's 1,000 results and its URL length.</summary>
    public const int IdsPerQuery = 200;

    private long Organization => tenant.OrganizationId ?? throw new InvalidOperationException("No organization in scope.");

    public async Task<QboChange> ReadAsync(string entity, string id, CancellationToken ct) => new(entity, id, entity switch
    {
        QboEntities.Invoice => await ReadAsync<QboInvoice>(id, ct),
        QboEntities.CreditMemo => await ReadAsync<QboCreditMemo>(id, ct),
        QboEntities.Bill => await ReadAsync<QboBill>(id, ct),
        QboEntities.Payment => await ReadAsync<QboPayment>(id, ct),
        QboEntities.BillPayment => await ReadAsync<QboBillPayment>(id, ct),
        _ => throw new NotSupportedException($"Groundwork does not read {entity} for status."),
    });

    public async Task<IReadOnlyList<QboTransaction>> ReadManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var found = new List<QboTransaction>();
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            var query = QboQuery.From(entity).WhereIn("Id", chunk).MaxResults(QboQuery.MaxPageSize);
            found.AddRange(entity switch
            {
                QboEntities.Invoice => await QueryAsync<QboInvoice>(query, ct),
                QboEntities.CreditMemo => await QueryAsync<QboCreditMemo>(query, ct),
                QboEntities.Bill => await QueryAsync<QboBill>(query, ct),
                QboEntities.Payment => await QueryAsync<QboPayment>(query, ct),
                QboEntities.BillPayment => await QueryAsync<QboBillPayment>(query, ct),
                _ => throw new NotSupportedException($"Groundwork does not reconcile {entity}."),
            });
        }
        return found;
    }

    public async Task<QboChanges> ChangesSinceAsync(DateTimeOffset since, CancellationToken ct)
    {
        var answer = await calls.CallAsync(Organization, (c, company, t) => c.ChangeDataCaptureAsync(company, QboEntities.Watched, since, t), ct,
            operation: "cdc", entity: string.Join(',', QboEntities.Watched));
        var items = new List<QboChange>();
        foreach (var result in answer.Value)
        {
            items.AddRange(Changes(result.Get<QboInvoice>()));
            items.AddRange(Changes(result.Get<QboCreditMemo>()));
            items.AddRange(Changes(result.Get<QboBill>()));
            items.AddRange(Changes(result.Get<QboPayment>()));
            items.AddRange(Changes(result.Get<QboBillPayment>()));
        }
        return new QboChanges(items, answer.ServerTime);
    }

    public async Task<DateTimeOffset?> ServerTimeAsync(CancellationToken ct) =>
        (await calls.CallAsync(Organization, (c, company, t) => c.ReadCompanyInfoAsync(company, t), ct, operation: "read", entity: "CompanyInfo")).ServerTime;

    /// <summary>CDC lists a deleted entity with <c>status: "Deleted"</c> and its id only.</summary>
    private static IEnumerable<QboChange> Changes<T>(IEnumerable<T> items) where T : QboTransaction, IQboEntity<T> =>
        items.Where(i => i.Id is not null).Select(i => new QboChange(T.EntityName, i.Id!,
            string.Equals(i.Status, "Deleted", StringComparison.OrdinalIgnoreCase) ? null : i, i.MetaData?.LastUpdatedTime));

    private async Task<QboTransaction?> ReadAsync<T>(string id, CancellationToken ct) where T : QboTransaction, IQboEntity<T>
    {
        try
        {
            return (await calls.CallAsync(Organization, (c, company, t) => c.ReadAsync<T>(company, id, t), ct, operation: "read", entity: T.EntityName)).Value;
        }
        catch (QboException ex) when (ex.Fault.Code == QboFault.ObjectNotFoundCode)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(QboQuery query, CancellationToken ct) where T : QboTransaction, IQboEntity<T> =>
        (await calls.CallAsync(Organization, (c, company, t) => c.QueryAsync<T>(company, query, t), ct, operation: "query", entity: T.EntityName)).Items;
}
