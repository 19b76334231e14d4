using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>An organization connected to a QBO company, as Intuit's calls (webhooks, the disconnect URL) find it.</summary>
public sealed record RealmConnection(long OrganizationId, long ConnectionId);

/// <summary>
/// Realm → organizations: the one lookup for calls from Intuit, which name a company (realm) and never an organization.
/// Such calls arrive with no tenant in scope, so this reads across organizations on purpose — only which connected
/// organizations a realm has, never their rows.
/// </summary>
public sealed class QboRealms(GroundworkDbContext db)
{
    /// <summary>The longest realm id accepted from an anonymous caller (Intuit's are 16–20 digits).</summary>
    public const int MaxRealmIdLength = 32;

    public async Task<IReadOnlyList<RealmConnection>> ConnectedAsync(string? realmId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(realmId) || realmId.Length > MaxRealmIdLength) return [];
        return await db.QboConnections.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.RealmId == realmId && c.Status == QboConnectionStatus.Connected)
            .OrderBy(c => c.OrganizationId)
            .Select(c => new RealmConnection(c.OrganizationId, c.Id)).ToListAsync(ct);
    }
}
