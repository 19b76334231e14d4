using System.Globalization;
using System.Security.Claims;

namespace Groundwork.Web.Data;

/// <summary>
/// Scoped. In a request the organization comes from the signed-in user's claims (set at sign-in from their
/// membership); work outside a request (seeding, background sync) names it with <see cref="Use"/>.
/// </summary>
internal sealed class TenantContext(IHttpContextAccessor accessor) : ITenantContext
{
    public const string OrganizationClaim = "gw:org";
    public const string RoleClaim = "gw:role";

    private long? _override;

    public long? OrganizationId
    {
        get
        {
            if (_override is not null)
            {
                return _override;
            }
            var value = accessor.HttpContext?.User.FindFirstValue(OrganizationClaim);
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
    }

    public void Use(long organizationId) => _override = organizationId;
}
