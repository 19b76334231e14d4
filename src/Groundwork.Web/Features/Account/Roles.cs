using System.Security.Claims;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;

namespace Groundwork.Web.Features.Account;

/// <summary>What the signed-in user's organization role allows, for pages that show or hide actions.</summary>
public static class Roles
{
    public static OrganizationRole Role(this ClaimsPrincipal user) =>
        Enum.TryParse<OrganizationRole>(user.FindFirstValue(TenantContext.RoleClaim), out var role) ? role : OrganizationRole.Member;

    /// <summary>The one role rule: roles are ordered, and each includes what the ones below it may do. The policies use it too.</summary>
    public static bool HasAtLeast(this ClaimsPrincipal user, OrganizationRole role) => user.Role() >= role;

    /// <summary>Accountant, Admin and Owner record and delete payments and void documents.</summary>
    public static bool CanMoveMoney(this ClaimsPrincipal user) => user.HasAtLeast(OrganizationRole.Accountant);

    /// <summary>Admin and Owner manage the organization's integrations.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.HasAtLeast(OrganizationRole.Admin);
}
