using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.QuickBooks.Connection;

[PostsRequirePolicy(AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class IntegrationsModel(GroundworkDbContext db, ITenantContext tenant, IOptions<QboClientOptions> options, IGrainFactory grains) : PageModel
{
    public const string CallbackPath = "/integrations/quickbooks/callback";

    public QboConnection? Connection { get; private set; }
    public Readiness? Readiness { get; private set; }

    /// <summary>The checklist was taken while connected; it says nothing about a connection that is down now.</summary>
    public bool ReadinessIsCurrent => Connection?.Status == QboConnectionStatus.Connected;

    /// <summary>"QuickBooks sign-in failing, retrying at …" while the gateway backs off failed refreshes.</summary>
    public string? SignInTrouble { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostConnectAsync([FromServices] ConnectQuickBooks connect, [FromServices] UserManager<AppUser> users, CancellationToken ct)
    {
        var url = await connect.StartAsync(users.GetUserId(User)!, RedirectUri(Request, options.Value), ct);
        return Redirect(url.AbsoluteUri);
    }

    public async Task<IActionResult> OnPostReadinessAsync([FromServices] CheckReadiness check, CancellationToken ct)
    {
        var outcome = await check.HandleAsync(tenant.OrganizationId!.Value, ct);
        if (outcome.IsOk) return RedirectToPage();
        ModelState.AddOutcome(outcome);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisconnectAsync([FromServices] DisconnectQuickBooks disconnect, CancellationToken ct) =>
        await AfterAsync(await disconnect.DisconnectAsync(ct), "QuickBooks disconnected; every link was kept.", ct);

    public async Task<IActionResult> OnPostRemoveAsync([FromServices] DisconnectQuickBooks disconnect, CancellationToken ct) =>
        await AfterAsync(await disconnect.RemoveAsync(ct), "The QuickBooks integration was removed.", ct);

    private async Task<IActionResult> AfterAsync(Outcome<QboConnection> outcome, string done, CancellationToken ct)
    {
        if (outcome.IsOk)
        {
            TempData["Flash"] = done;
            return RedirectToPage();
        }
        ModelState.AddOutcome(outcome);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        Readiness = Readiness.FromJson(Connection?.ReadinessJson);
        SignInTrouble = Connection is null ? null : await grains.GetGrain<IQboGatewayGrain>(Connection.OrganizationId).GetSignInTroubleAsync();
    }

    /// <summary>The configured redirect URI (Intuit needs the registered one), else this host's callback.</summary>
    public static Uri RedirectUri(HttpRequest request, QboClientOptions options) =>
        options.RedirectUri ?? new Uri($"{request.Scheme}://{request.Host}{CallbackPath}");
}
