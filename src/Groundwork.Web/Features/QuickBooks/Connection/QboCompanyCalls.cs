using System.Net;
using Groundwork.QuickBooks;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>
/// How Groundwork code calls QBO for an organization: through its gateway grain, which paces the call under the
/// company's limits and supplies the token; a 401 refreshes the token once and tries again.
/// </summary>
public sealed class QboCompanyCalls(IGrainFactory grains, QboClient client, TimeProvider clock)
{
    public async Task<T> CallAsync<T>(long organizationId, Func<QboClient, QboCompanyContext, CancellationToken, Task<T>> call,
        CancellationToken ct, bool batch = false)
    {
        var gateway = grains.GetGrain<IQboGatewayGrain>(organizationId);
        for (var wait = await gateway.TryAcquireAsync(batch); wait > TimeSpan.Zero; wait = await gateway.TryAcquireAsync(batch))
        {
            await Task.Delay(wait, clock, ct);
        }
        try
        {
            var access = await gateway.GetAccessAsync(forceRefresh: false);
            try
            {
                return await call(client, Context(access), ct);
            }
            catch (QboException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized)
            {
                return await call(client, Context(await gateway.GetAccessAsync(forceRefresh: true)), ct);
            }
        }
        finally
        {
            await gateway.ReleaseAsync();
        }
    }

    private static QboCompanyContext Context(QboAccess access) => access.IsReady
        ? new QboCompanyContext(access.RealmId!, access.AccessToken!)
        : throw new QboNotConnectedException(access.Problem ?? "QuickBooks is not connected.");
}

/// <summary>QBO cannot be called for this organization: not connected, disconnected, or it needs a reconnect.</summary>
public sealed class QboNotConnectedException(string message) : Exception(message);
