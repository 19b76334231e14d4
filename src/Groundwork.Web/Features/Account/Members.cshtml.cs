using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Groundwork.Web.Features.Account;

/// <summary>Settings → Members: Owners and Admins see the team, invite someone with a role, change roles, remove people.</summary>
[Authorize(Policy = AccountServiceCollectionExtensions.AdminPolicy)]
public sealed class MembersModel(ManageMembers members) : PageModel
{
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    /// <summary>Set only on the answer to a successful invitation: the one time the password is shown.</summary>
    public AddedMember? Added { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public OrganizationRole Role { get; set; } = OrganizationRole.Member;

    public static IEnumerable<OrganizationRole> Roles => Enum.GetValues<OrganizationRole>().Reverse();

    public async Task OnGetAsync(CancellationToken ct) => Members = await members.ListAsync(ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var outcome = await members.AddAsync(User, Email, Role, ct);
        if (outcome.IsOk)
        {
            Added = outcome.Value;
            Email = null;
            Role = OrganizationRole.Member;
            ModelState.Clear();
        }
        else
        {
            ModelState.AddOutcome(outcome);
        }
        Members = await members.ListAsync(ct);
        // Never cached: the page may carry a password.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string userId, OrganizationRole newRole, CancellationToken ct) =>
        await DoneAsync(await members.ChangeRoleAsync(User, userId, newRole, ct), m => $"{m.Email} is now {m.Role}.", ct);

    public async Task<IActionResult> OnPostRemoveAsync(string userId, CancellationToken ct) =>
        await DoneAsync(await members.RemoveAsync(User, userId, ct), m => $"{m.Email} was removed.", ct);

    private async Task<IActionResult> DoneAsync(Outcome<MemberRow> outcome, Func<MemberRow, string> flash, CancellationToken ct)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (outcome.IsOk)
        {
            TempData["Flash"] = flash(outcome.Value!);
            return RedirectToPage();
        }
        ModelState.AddOutcome(outcome);
        Members = await members.ListAsync(ct);
        return Page();
    }
}
