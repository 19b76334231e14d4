using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Organizations;

public sealed class OrganizationInput
{
    [Required(ErrorMessage = "Name is required."), StringLength(Limits.Name, ErrorMessage = "Name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    [Required(ErrorMessage = "Time zone is required.")]
    public string TimeZone { get; set; } = TimeZones.DefaultId;
    public long? Version { get; set; }

    public static OrganizationInput From(Organization o) => new() { Name = o.Name, TimeZone = o.TimeZone, Version = o.Version };
}

/// <summary>Renames the signed-in user's organization or changes its time zone (the zone of every new business date).</summary>
public sealed class UpdateOrganization(GroundworkDbContext db) : IUseCase
{
    public async Task<Outcome<Organization>> HandleAsync(OrganizationInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input)
            .Check(TimeZones.Find(input.TimeZone?.Trim()) is not null, nameof(OrganizationInput.TimeZone), "Choose a time zone from the list (an IANA name such as America/Denver).");
        if (check.HasErrors) return check.ToOutcome<Organization>();

        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == db.CurrentOrganizationId, ct);
        if (organization is null) return Outcome<Organization>.NotFound("The organization was not found.");
        SaveChanges.ExpectVersion(db, organization, input.Version);
        organization.Name = input.Name.Trim();
        organization.TimeZone = input.TimeZone!.Trim();
        return await SaveChanges.TryAsync(db, organization, nameof(OrganizationInput.Name), "The organization could not be saved.", ct);
    }
}
