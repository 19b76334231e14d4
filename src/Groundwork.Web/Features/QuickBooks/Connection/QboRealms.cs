using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>An organization connected to a QBO company, as Intuit's calls (webhooks, the disconnect URL) find it.</summary>
public sealed record RealmConnection(long OrganizationId, long ConnectionId);

/// <summary>
/// Realm → organizations: the one lookup for calls from Intuit, which name a company (realm) and never an organization.
/// Such calls arrive with no tenant in scope, so this reads across organizations on purpose — only which connected
/// organizations a realm has, never their rows.
/// </summary>
public sealed class QboRealms(GroundworkDbContext db, RecentRealms recent)
{
    /// <summary>The longest realm id accepted from an anonymous caller (Intuit's are 16–20 digits).</summary>
    public const int MaxRealmIdLength = 32;

    /// <summary>What the database says now (the disconnect URL: it changes connections, so it reads them fresh).</summary>
    public async Task<IReadOnlyList<RealmConnection>> ConnectedAsync(string? realmId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(realmId) || realmId.Length > MaxRealmIdLength) return [];
        return await db.QboConnections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.RealmId == realmId && c.Status == QboConnectionStatus.Connected)
            .OrderBy(c => c.OrganizationId)
            .Select(c => new RealmConnection(c.OrganizationId, c.Id)).ToListAsync(ct);
    }

    /// <summary>
    /// The same answer, up to <see cref="RecentRealms.KeptFor"/> old (webhooks: a busy realm's deliveries would otherwise read
    /// the same rows hundreds of times a second). Connecting forgets the realm in this host at once; an organization
    /// connected in another host is seen within the time kept, and what it missed meanwhile comes by CDC, which connecting
    /// starts. A connection gone since only stores events its company's grain then ignores.
    /// </summary>
    public async Task<IReadOnlyList<RealmConnection>> RecentlyConnectedAsync(string? realmId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(realmId) || realmId.Length > MaxRealmIdLength) return [];
        if (recent.TryGet(realmId, out var known)) return known;
        var read = await ConnectedAsync(realmId, ct);
        recent.Set(realmId, read);
        return read;
    }
}

/// <summary>The recent answers of <see cref="QboRealms.RecentlyConnectedAsync"/>, for the whole host, bounded in count.</summary>
public sealed class RecentRealms : IDisposable
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromSeconds(5);

    /// <summary>Realms remembered at most (each a few connections): a signed caller cannot grow it without bound.</summary>
    public const int MaxRealms = 10_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxRealms });

    internal bool TryGet(string realmId, out IReadOnlyList<RealmConnection> connections) => _cache.TryGetValue(realmId, out connections!);

    internal void Set(string realmId, IReadOnlyList<RealmConnection> connections) =>
        _cache.Set(realmId, connections, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = KeptFor });

    /// <summary>The realm's connections changed in this host: the next call reads them again.</summary>
    public void Forget(string realmId) => _cache.Remove(realmId);

    public void Dispose() => _cache.Dispose();
}
