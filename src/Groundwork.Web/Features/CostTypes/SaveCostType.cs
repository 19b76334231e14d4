using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.CostTypes;

public sealed class CostTypeInput
{
    [Display(Name = "Name"), NameText]
    [Required(ErrorMessage = "Name is required."), StringLength(Limits.Name, ErrorMessage = "Name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    public bool TaxableByDefault { get; set; }
    public long? Version { get; set; }

    public static CostTypeInput From(CostType c) => new() { Name = c.Name, TaxableByDefault = c.TaxableByDefault, Version = c.Version };
}

/// <summary>Creates a cost type (id null) or updates one.</summary>
public sealed class SaveCostType(GroundworkDbContext db) : IUseCase
{
    public async Task<Outcome<CostType>> HandleAsync(long? id, CostTypeInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input);
        if (check.HasErrors) return check.ToOutcome<CostType>();

        var type = await SaveChanges.FindOrAddAsync(db, id, input.Version, () => new CostType { Name = "" }, ct);
        if (type is null) return Outcome<CostType>.NotFound($"Cost type {id} was not found.");

        type.Name = input.Name.Trim();
        type.TaxableByDefault = input.TaxableByDefault;
        return await SaveChanges.TryAsync(db, type, nameof(CostTypeInput.Name), "A cost type with this name already exists.", ct);
    }
}
