using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Gateway;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// The QBO writes a push makes, through the company's gateway, each with its requestid. An update that meets a stale
/// SyncToken (5010) re-reads the record and tries once more with the current token; a second 5010 is thrown to the caller.
/// </summary>
internal sealed class QboWrites(QboCompanyCalls qbo, long organizationId)
{
    public async Task<QboResult<T>> CreateAsync<T>(T entity, string requestId, CancellationToken ct) where T : QboEntity, IQboEntity<T> =>
        await qbo.CallAsync(organizationId, (c, company, t) => c.CreateAsync(company, entity, requestId, t), ct, operation: "create", entity: T.EntityName,
            requestId: requestId);

    /// <param name="requestId">The requestid for the SyncToken the entity carries; called again for a re-read token.</param>
    public async Task<QboResult<T>> UpdateAsync<T>(T entity, Func<string, string> requestId, CancellationToken ct) where T : QboEntity, IQboEntity<T>
    {
        try
        {
            var id = requestId(entity.SyncToken!);
            return await qbo.CallAsync(organizationId, (c, company, t) => c.UpdateAsync(company, entity, id, t), ct, operation: "update", entity: T.EntityName, requestId: id);
        }
        catch (QboException ex) when (ex.Fault.Code == QboFault.StaleObjectCode)
        {
            var current = await ReadAsync<T>(entity.Id!, ct);
            var retried = entity with { SyncToken = current.Value.SyncToken };
            var retriedId = requestId(retried.SyncToken!);
            return await qbo.CallAsync(organizationId, (c, company, t) => c.UpdateAsync(company, retried, retriedId, t), ct, operation: "update", entity: T.EntityName,
                requestId: retriedId);
        }
    }

    public async Task<QboResult<T>> ReadAsync<T>(string id, CancellationToken ct) where T : QboEntity, IQboEntity<T> =>
        await qbo.CallAsync(organizationId, (c, company, t) => c.ReadAsync<T>(company, id, t), ct, operation: "read", entity: T.EntityName);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(QboQuery query, CancellationToken ct) where T : QboEntity, IQboEntity<T> =>
        (await qbo.CallAsync(organizationId, (c, company, t) => c.QueryAsync<T>(company, query, t), ct, operation: "query", entity: T.EntityName)).Items;

    public async Task<QboResult<T>> VoidAsync<T>(string id, string syncToken, string requestId, CancellationToken ct) where T : QboEntity, IQboEntity<T> =>
        await qbo.CallAsync(organizationId, (c, company, t) => c.VoidAsync<T>(company, id, syncToken, requestId, t), ct, operation: "void", entity: T.EntityName,
            requestId: requestId);

    public async Task<QboResult<T>> DeleteAsync<T>(string id, string syncToken, string requestId, CancellationToken ct) where T : QboEntity, IQboEntity<T> =>
        await qbo.CallAsync(organizationId, (c, company, t) => c.DeleteAsync<T>(company, id, syncToken, requestId, t), ct, operation: "delete", entity: T.EntityName,
            requestId: requestId);
}
