using Groundwork.QuickBooks.OAuth;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Groundwork.Web.Features.QuickBooks.Gateway;

/// <summary>What a QBO call needs: the realm and a live access token, or why there is none.</summary>
[GenerateSerializer, Immutable]
public sealed record QboAccess([property: Id(0)] string? RealmId, [property: Id(1)] string? AccessToken, [property: Id(2)] string? Problem)
{
    public bool IsReady => AccessToken is not null && RealmId is not null;
}

/// <summary>
/// One per organization (its QBO company). Every QBO call gets its token here: the grain is the single writer
/// of the token pair, refreshes before expiry, and saves the rotated refresh token at once. It holds the access token
/// between calls (<see cref="HeldAccess"/>) instead of reading and decrypting the row for each one.
/// </summary>
public interface IQboGatewayGrain : IGrainWithIntegerKey
{
    /// <param name="forceRefresh">QBO refused a token (401): refresh even though it has not expired.</param>
    /// <param name="rejectedToken">
    /// The token QBO refused. When the stored one is already another (a refresh landed since), that one is returned and
    /// no second refresh is made, so a burst of 401s costs one rotation at Intuit.
    /// </param>
    Task<QboAccess> GetAccessAsync(bool forceRefresh, string? rejectedToken = null);

    /// <summary>
    /// A use case changed the connection's tokens or status (connect, reconnect, disconnect, remove): the token the grain
    /// holds is dropped, so the next call reads the row.
    /// </summary>
    Task ForgetAccessAsync();

    /// <summary>
    /// Intuit's disconnect URL was opened for this company (by anyone: it is anonymous). Tries the tokens at most once
    /// per <see cref="QboGatewayGrain.NoticeInterval"/>; callers in between share the last answer.
    /// </summary>
    Task<QboAccess> CheckAfterDisconnectNoticeAsync();

    /// <summary>"QuickBooks sign-in failing, retrying at …" while refreshes fail for a reason other than a revoked grant.</summary>
    Task<string?> GetSignInTroubleAsync();

    /// <summary>Zero when a call may go now (holding a concurrency slot until <see cref="ReleaseAsync"/>), else how long to wait first, and whether for a slot.</summary>
    Task<(TimeSpan Wait, bool ForSlot)> TryAcquireAsync(bool batch);

    Task ReleaseAsync();
}

[Reentrant]
internal sealed partial class QboGatewayGrain(IServiceScopeFactory scopes, AppClock clock, IOptions<QboLimitOptions> limitOptions,
    ILogger<QboGatewayGrain> logger) : Grain, IQboGatewayGrain, IDisposable
{
    /// <summary>Refresh this long before the access token expires, so no call carries a token about to die.</summary>
    public static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(5);

    /// <summary>One token check per company per minute for the anonymous disconnect URL is plenty.</summary>
    public static readonly TimeSpan NoticeInterval = TimeSpan.FromMinutes(1);

    private readonly QboLimits _limits = new(limitOptions.Value);
    private readonly SingleFlight<QboAccess> _refresh = new();
    private readonly RefreshBackoff _backoff = new();
    private readonly HeldAccess _held = new();
    private (DateTime AtUtc, Task<QboAccess> Check)? _notice;

    public async Task<QboAccess> GetAccessAsync(bool forceRefresh, string? rejectedToken = null)
    {
        // A refused token (401) always reads the row: a refresh elsewhere may already have replaced it.
        if (!forceRefresh && _held.Get(clock.UtcNow, RefreshAhead) is { } held) return held;
        if (!_refresh.IsRunning)
        {
            var current = await ReadAsync(forceRefresh, rejectedToken);
            if (current is not null) return current;
        }
        // Reentrant: every caller that finds a refresh due joins the one in flight.
        return await _refresh.RunAsync(() => RefreshAsync(forceRefresh, rejectedToken));
    }

    public Task<QboAccess> CheckAfterDisconnectNoticeAsync()
    {
        var now = clock.UtcNow;
        // A check that failed outright (not a refused grant) is not kept: the next notice tries again.
        if (_notice is { } last && now - last.AtUtc < NoticeInterval && !last.Check.IsFaulted) return last.Check;
        var check = _refresh.RunAsync(() => RefreshAsync(forceRefresh: true, rejectedToken: null));
        _notice = (now, check);
        return check;
    }

    public Task ForgetAccessAsync()
    {
        _held.Forget();
        return Task.CompletedTask;
    }

    public Task<string?> GetSignInTroubleAsync() => Task.FromResult(_backoff.IsWaiting(clock.UtcNow) ? _backoff.Describe() : null);

    public Task<(TimeSpan Wait, bool ForSlot)> TryAcquireAsync(bool batch) => Task.FromResult(_limits.TryAcquire(batch));

    public Task ReleaseAsync()
    {
        _limits.Release();
        return Task.CompletedTask;
    }

    public void Dispose() => _limits.Dispose();

    /// <summary>The stored token when it is still good; null when a refresh is due.</summary>
    private async Task<QboAccess?> ReadAsync(bool forceRefresh, string? rejectedToken)
    {
        var generation = _held.Generation;
        await using var scope = Scope(out var db);
        var vault = scope.ServiceProvider.GetRequiredService<QboTokenVault>();
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync();
        var now = clock.UtcNow;
        if (connection is null) return Held(generation, new QboAccess(null, null, "QuickBooks is not connected."), null, now);
        if (connection.Status != QboConnectionStatus.Connected) return Held(generation, new QboAccess(connection.RealmId, null, Describe(connection)), null, now);
        var fresh = connection.AccessTokenExpiresAtUtc > now + RefreshAhead;
        var token = vault.AccessToken(connection);
        return fresh && (!forceRefresh || AlreadyReplaced(token, rejectedToken))
            ? Held(generation, new QboAccess(connection.RealmId, token, null), connection.AccessTokenExpiresAtUtc, now)
            : null;
    }

    /// <summary>What the row says now becomes what the grain holds (a token), or drops what it held (no token).</summary>
    private QboAccess Held(long generation, QboAccess access, DateTime? expiresAtUtc, DateTime readAtUtc)
    {
        _held.Keep(generation, access, expiresAtUtc, readAtUtc);
        return access;
    }

    private async Task<QboAccess> RefreshAsync(bool forceRefresh, string? rejectedToken)
    {
        var generation = _held.Generation;
        await using var scope = Scope(out var db);
        var vault = scope.ServiceProvider.GetRequiredService<QboTokenVault>();
        var connection = await db.QboConnections.FirstOrDefaultAsync();
        var now = clock.UtcNow;
        if (connection?.Status != QboConnectionStatus.Connected || vault.RefreshToken(connection) is not { } refreshToken)
        {
            return Held(generation, new QboAccess(connection?.RealmId, null, connection is null ? "QuickBooks is not connected." : Describe(connection)), null, now);
        }
        if ((!forceRefresh || AlreadyReplaced(vault.AccessToken(connection), rejectedToken)) && connection.AccessTokenExpiresAtUtc > now + RefreshAhead)
        {
            // A caller that read the row before the last refresh landed: that refresh already did the work.
            return Held(generation, new QboAccess(connection.RealmId, vault.AccessToken(connection), null), connection.AccessTokenExpiresAtUtc, now);
        }
        // No new token: while the current one still lives it is handed out, but not held, so each call looks again.
        _held.Drop();
        if (_backoff.IsWaiting(now)) return Unrefreshed(connection, vault, now);
        try
        {
            vault.Store(connection, await scope.ServiceProvider.GetRequiredService<QboOAuthClient>().RefreshAsync(refreshToken, CancellationToken.None));
            _backoff.Succeeded();
            LogRefreshed(logger, this.GetPrimaryKeyLong());
        }
        catch (QboOAuthException ex) when (ex.NeedsReconnect)
        {
            QboTokenVault.Forget(connection);
            connection.Status = QboConnectionStatus.NeedsReconnect;
            connection.StatusReason = "QuickBooks no longer accepts Groundwork's authorization (it was revoked or expired). Reconnect to resume syncing.";
        }
        catch (QboOAuthException ex)
        {
            _backoff.Failed(now);
            LogRefreshFailed(logger, this.GetPrimaryKeyLong(), ex.Error, ex.Fault.IntuitTid, _backoff.RetryAtUtc);
            return Unrefreshed(connection, vault, now);
        }
        try
        {
            // The Version check makes this a compare-and-swap: a duplicate activation elsewhere cannot overwrite a newer pair.
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ReadAsync(forceRefresh: false, rejectedToken: null) ?? new QboAccess(connection.RealmId, null, "The token changed while refreshing; try again.");
        }
        return connection.Status == QboConnectionStatus.Connected
            ? Held(generation, new QboAccess(connection.RealmId, vault.AccessToken(connection), null), connection.AccessTokenExpiresAtUtc, clock.UtcNow)
            : Held(generation, new QboAccess(connection.RealmId, null, Describe(connection)), null, clock.UtcNow);
    }

    /// <summary>No new token for now: the current one while it still lives, else why there is none.</summary>
    private QboAccess Unrefreshed(QboConnection connection, QboTokenVault vault, DateTime now) =>
        connection.AccessTokenExpiresAtUtc > now
            ? new QboAccess(connection.RealmId, vault.AccessToken(connection), null)
            : new QboAccess(connection.RealmId, null, _backoff.Describe());

    /// <summary>QBO refused <paramref name="rejected"/>, but the stored token is already a newer one.</summary>
    private static bool AlreadyReplaced(string? stored, string? rejected) => rejected is not null && stored is not null && stored != rejected;

    private AsyncServiceScope Scope(out GroundworkDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(this.GetPrimaryKeyLong());
        db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        return scope;
    }

    private static string Describe(QboConnection c) => c.StatusReason ?? $"QuickBooks is {c.Status}.";

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed QuickBooks tokens for organization {OrganizationId}")]
    private static partial void LogRefreshed(ILogger logger, long organizationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QuickBooks token refresh failed for organization {OrganizationId} ({Error}, intuit_tid {IntuitTid}); next try at {RetryAtUtc:o}")]
    private static partial void LogRefreshFailed(ILogger logger, long organizationId, QboOAuthError error, string? intuitTid, DateTime? retryAtUtc);
}
