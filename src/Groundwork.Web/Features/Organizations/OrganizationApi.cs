using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Organizations;

public sealed record OrganizationDto(long Id, string Name, string TimeZone, long Version)
{
    public static OrganizationDto From(Organization o) => new(o.Id, o.Name, o.TimeZone, o.Version);
}

internal static class OrganizationApi
{
    public static RouteGroupBuilder MapOrganizationApi(this RouteGroupBuilder api)
    {
        var organization = api.MapGroup("/organization").WithTags("Organization");
        organization.MapGet("/", async (GroundworkDbContext db, CancellationToken ct) =>
            await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == db.CurrentOrganizationId, ct) is { } o
                ? Results.Ok(OrganizationDto.From(o))
                : ApiResults.NotFound("The organization"));
        organization.MapPut("/", async (OrganizationInput input, UpdateOrganization update, CancellationToken ct) =>
            ApiResults.From(await update.HandleAsync(input, ct), OrganizationDto.From))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return api;
    }
}
