using System.Globalization;
using System.Security.Claims;
using Groundwork.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Account;

/// <summary>
/// Replaces the organization and role claims that sign-in stamped into the cookie or bearer token with the membership as
/// it is now, so an Owner's role change or removal counts on the member's next request rather than when the cookie expires.
/// A user with no membership keeps no organization claim, and the fallback policy turns them away.
/// </summary>
internal sealed class MembershipClaimsTransformation(GroundworkDbContext db) : IClaimsTransformation
{
    private static readonly string[] Managed = [TenantContext.OrganizationClaim, TenantContext.RoleClaim, GroundworkClaimsFactory.OrganizationNameClaim];

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return principal;
        }
        var membership = await db.Memberships.IgnoreQueryFilters().AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Id)
            .Select(m => new { m.OrganizationId, m.Role, OrganizationName = m.Organization!.Name }).FirstOrDefaultAsync();

        var fresh = identity.Clone();
        foreach (var claim in fresh.Claims.Where(c => Managed.Contains(c.Type)).ToList())
        {
            fresh.RemoveClaim(claim);
        }
        if (membership is not null)
        {
            fresh.AddClaim(new Claim(TenantContext.OrganizationClaim, membership.OrganizationId.ToString(CultureInfo.InvariantCulture)));
            fresh.AddClaim(new Claim(TenantContext.RoleClaim, membership.Role.ToString()));
            fresh.AddClaim(new Claim(GroundworkClaimsFactory.OrganizationNameClaim, membership.OrganizationName));
        }
        return new ClaimsPrincipal(fresh);
    }
}
