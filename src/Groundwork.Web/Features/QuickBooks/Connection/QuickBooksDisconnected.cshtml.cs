using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>
/// Intuit's "disconnect URL": QuickBooks sends the browser here after the app is disconnected on its side. Anyone can
/// open this URL, so it changes nothing by itself: it only makes each linked organization's gateway try its tokens,
/// and a refused refresh (invalid_grant) is what marks the connection "Needs reconnect". The gateway tries at most once
/// a minute per company however often the URL is opened, so it cannot be used to hammer Intuit's token endpoint.
/// </summary>
[AllowAnonymous]
public sealed class QuickBooksDisconnectedModel(GroundworkDbContext db, IGrainFactory grains) : PageModel
{
    public int Checked { get; private set; }

    public async Task OnGetAsync(string? realmId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(realmId) || realmId.Length > 32) return;
        var organizations = await db.QboConnections.IgnoreQueryFilters()
            .Where(c => c.RealmId == realmId && c.Status == QboConnectionStatus.Connected)
            .Select(c => c.OrganizationId).ToListAsync(ct);
        foreach (var organization in organizations)
        {
            var access = await grains.GetGrain<IQboGatewayGrain>(organization).CheckAfterDisconnectNoticeAsync();
            Checked += access.IsReady ? 0 : 1;
        }
    }
}
