using Groundwork.Web.Features.Organizations;

namespace Groundwork.Web.Features.Account;

/// <summary>
/// Who may give, change or take away which role. Admins run the team but cannot touch Owners or make one; only an Owner
/// can; and an organization always keeps at least one Owner. Returns null when allowed, else the reason.
/// </summary>
public static class MemberRules
{
    /// <param name="actor">Role of the person acting.</param>
    /// <param name="current">The member's role now, or null when adding a new member.</param>
    /// <param name="next">The role asked for, or null when removing the member.</param>
    /// <param name="owners">How many Owners the organization has now.</param>
    public static string? Refusal(OrganizationRole actor, OrganizationRole? current, OrganizationRole? next, int owners)
    {
        if (actor < OrganizationRole.Admin)
        {
            return "Only an owner or admin manages members.";
        }
        if (actor != OrganizationRole.Owner && (current == OrganizationRole.Owner || next == OrganizationRole.Owner))
        {
            return "Only an owner can make someone an owner or change an owner.";
        }
        if (current == OrganizationRole.Owner && next != OrganizationRole.Owner && owners <= 1)
        {
            return "The organization needs at least one owner; make someone else an owner first.";
        }
        return null;
    }
}
