using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.QuickBooks.Connection;

/// <summary>Where Intuit sends the browser back: the state is checked, the code exchanged, the company read, readiness checked.</summary>
public sealed class QuickBooksCallbackModel(ConnectQuickBooks connect, CheckReadiness readiness, UserManager<AppUser> users,
    ITenantContext tenant, IOptions<QboClientOptions> options) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery] CallbackInput input, CancellationToken ct)
    {
        var outcome = await connect.CompleteAsync(users.GetUserId(User)!, User.Identity?.Name, input,
            IntegrationsModel.RedirectUri(Request, options.Value), ct);
        if (!outcome.IsOk)
        {
            ModelState.AddOutcome(outcome);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var check = await readiness.HandleAsync(tenant.OrganizationId!.Value, ct);
        TempData["Flash"] = check.IsOk
            ? $"Connected to {outcome.Value!.CompanyName}."
            : $"Connected to {outcome.Value!.CompanyName}; the readiness check could not run yet ({check.Message}) — press Check again.";
        return Redirect("/Settings/Integrations");
    }
}
