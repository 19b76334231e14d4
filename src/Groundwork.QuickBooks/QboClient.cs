using System.Text.Json.Nodes;
using Groundwork.QuickBooks.Http;
using Groundwork.QuickBooks.Wire;
using Microsoft.Extensions.Options;

namespace Groundwork.QuickBooks;

/// <summary>
/// Typed client for the QBO Accounting API v3. Stateless about tokens (each call takes a <see cref="QboCompanyContext"/>);
/// retries of throttling and server errors happen in the HTTP pipeline, decided by <see cref="QboRetryClassifier"/>.
/// Every failure surfaces as <see cref="QboException"/>.
/// </summary>
public sealed partial class QboClient
{
    private readonly QboTransport _transport;
    private readonly QboRequestFactory _requests;

    public QboClient(HttpClient http, IOptions<QboClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _transport = new QboTransport(http);
        _requests = new QboRequestFactory(settings.ResolveEndpoints().ApiBaseUrl, settings.MinorVersion);
    }

    public async Task<QboResult<T>> ReadAsync<T>(QboCompanyContext company, string id, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        using var request = _requests.Get(company, $"{QboRequestFactory.Segment(T.EntityName)}/{Uri.EscapeDataString(id)}");
        return await SingleAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QboResult<QboCompanyInfo>> ReadCompanyInfoAsync(QboCompanyContext company, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(company);
        using var request = _requests.Get(company, $"companyinfo/{Uri.EscapeDataString(company.RealmId)}");
        return await SingleAsync<QboCompanyInfo>(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<QboResult<QboPreferences>> ReadPreferencesAsync(QboCompanyContext company, CancellationToken cancellationToken)
    {
        using var request = _requests.Get(company, "preferences");
        return await SingleAsync<QboPreferences>(request, cancellationToken).ConfigureAwait(false);
    }

    public Task<QboResult<T>> CreateAsync<T>(QboCompanyContext company, T entity, string requestId, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T> => WriteAsync(company, entity, requestId, cancellationToken);

    /// <summary>Full update: writable fields left null are cleared by QBO. Needs Id and the current SyncToken.</summary>
    public Task<QboResult<T>> UpdateAsync<T>(QboCompanyContext company, T entity, string requestId, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        ArgumentNullException.ThrowIfNull(entity);
        RequireIdentity(entity.Id, entity.SyncToken);
        return WriteAsync(company, entity with { Sparse = false }, requestId, cancellationToken);
    }

    /// <summary>Sparse update: only the fields set on <paramref name="entity"/> change. Needs Id and the current SyncToken.</summary>
    public Task<QboResult<T>> SparseUpdateAsync<T>(QboCompanyContext company, T entity, string requestId, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        ArgumentNullException.ThrowIfNull(entity);
        RequireIdentity(entity.Id, entity.SyncToken);
        return WriteAsync(company, entity with { Sparse = true }, requestId, cancellationToken);
    }

    /// <summary>Deletes a transaction. QBO answers with only Id and status "Deleted". Name lists cannot be deleted: set Active=false.</summary>
    public async Task<QboResult<T>> DeleteAsync<T>(
        QboCompanyContext company, string id, string syncToken, string requestId, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        RequireIdentity(id, syncToken);
        var body = new JsonObject { ["Id"] = id, ["SyncToken"] = syncToken };
        using var request = _requests.Post(
            company, QboRequestFactory.Segment(T.EntityName), requestId, QboRequestFactory.Json(body), ("operation", "delete"));
        return await SingleAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Voids a transaction the way QBO voids that entity (see <see cref="QboVoidStyle"/>).</summary>
    public async Task<QboResult<T>> VoidAsync<T>(
        QboCompanyContext company, string id, string syncToken, string requestId, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        RequireIdentity(id, syncToken);
        var body = new JsonObject { ["Id"] = id, ["SyncToken"] = syncToken };
        (string, string)[] query = T.VoidStyle switch
        {
            QboVoidStyle.OperationVoid => [("operation", "void")],
            QboVoidStyle.IncludeVoid => [("operation", "update"), ("include", "void")],
            _ => throw new NotSupportedException($"QuickBooks cannot void a {T.EntityName}."),
        };
        if (T.VoidStyle == QboVoidStyle.IncludeVoid)
        {
            body["sparse"] = true;
        }

        using var request = _requests.Post(company, QboRequestFactory.Segment(T.EntityName), requestId, QboRequestFactory.Json(body), query);
        return await SingleAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QboResult<T>> WriteAsync<T>(QboCompanyContext company, T entity, string requestId, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var request = _requests.Post(company, QboRequestFactory.Segment(T.EntityName), requestId, QboRequestFactory.Json(entity));
        return await SingleAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<QboResult<T>> SingleAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : QboEntity, IQboEntity<T>
    {
        var (response, tid) = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var entity = response.Get<T>()
            ?? throw new QboException(
                new QboFault(null, $"QuickBooks answered without a {T.EntityName}.", null, null, null, tid, []), null);
        return new QboResult<T>(entity, tid, response.Time);
    }

    private static void RequireIdentity(string? id, string? syncToken)
    {
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(syncToken))
        {
            throw new ArgumentException("Updates, deletes and voids need the entity's Id and current SyncToken.");
        }
    }
}
