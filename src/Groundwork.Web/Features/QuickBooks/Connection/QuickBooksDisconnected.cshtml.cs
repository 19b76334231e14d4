using Groundwork.Web.Features.QuickBooks.Gateway;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>
/// Intuit's "disconnect URL": QuickBooks sends the browser here after the app is disconnected on its side. Anyone can
/// open this URL, so it changes nothing by itself: it only makes each linked organization's gateway try its tokens,
/// and a refused refresh (invalid_grant) is what marks the connection "Needs reconnect". The gateway tries at most once
/// a minute per company however often the URL is opened, so it cannot be used to hammer Intuit's token endpoint.
/// </summary>
[AllowAnonymous]
public sealed partial class QuickBooksDisconnectedModel(QboRealms realms, IGrainFactory grains, ILogger<QuickBooksDisconnectedModel> logger) : PageModel
{
    public int Checked { get; private set; }

    public async Task OnGetAsync(string? realmId, CancellationToken ct)
    {
        foreach (var organization in (await realms.ConnectedAsync(realmId, ct)).Select(c => c.OrganizationId))
        {
            try
            {
                var access = await grains.GetGrain<IQboGatewayGrain>(organization).CheckAfterDisconnectNoticeAsync();
                Checked += access.IsReady ? 0 : 1;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Anonymous and idempotent: a check that failed (the database, Intuit) is tried again on the next notice.
                LogCheckFailed(logger, organization, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking QuickBooks tokens after a disconnect notice failed for organization {OrganizationId} ({Reason})")]
    private static partial void LogCheckFailed(ILogger logger, long organizationId, string reason);
}
