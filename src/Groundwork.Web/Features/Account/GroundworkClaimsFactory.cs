using System.Globalization;
using System.Security.Claims;
using Groundwork.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.Account;

/// <summary>Puts the user's organization and role into the sign-in cookie/token; the tenancy filter reads them.</summary>
internal sealed class GroundworkClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options, GroundworkDbContext db)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    public const string OrganizationNameClaim = "gw:orgname";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var membership = await db.Memberships.IgnoreQueryFilters().Include(m => m.Organization)
            .Where(m => m.UserId == user.Id).OrderBy(m => m.Id).FirstOrDefaultAsync();
        if (membership is not null)
        {
            identity.AddClaim(new Claim(TenantContext.OrganizationClaim, membership.OrganizationId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(TenantContext.RoleClaim, membership.Role.ToString()));
            identity.AddClaim(new Claim(OrganizationNameClaim, membership.Organization?.Name ?? ""));
        }
        return identity;
    }
}
