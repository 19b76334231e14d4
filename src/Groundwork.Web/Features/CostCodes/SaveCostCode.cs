using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.CostCodes;

public sealed class CostCodeInput
{
    [Display(Name = "Cost code number"), Required(ErrorMessage = "Number is required."), StringLength(Limits.CostCodeNumber, ErrorMessage = "Number can be at most 30 characters.")]
    public string Number { get; set; } = "";
    [Display(Name = "Name"), NameText]
    [Required(ErrorMessage = "Name is required."), StringLength(Limits.Name, ErrorMessage = "Name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    public long? ParentId { get; set; }
    public long? Version { get; set; }

    public static CostCodeInput From(CostCode c) => new() { Number = c.Number, Name = c.Name, ParentId = c.ParentId, Version = c.Version };
}

/// <summary>Creates a cost code (id null) or updates one; a parent must exist and may not be the code itself.</summary>
public sealed class SaveCostCode(GroundworkDbContext db) : IUseCase
{
    public async Task<Outcome<CostCode>> HandleAsync(long? id, CostCodeInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input)
            .Check(input.ParentId is null || input.ParentId != id, nameof(CostCodeInput.ParentId), "A cost code cannot be its own parent.");
        if (check.HasErrors) return check.ToOutcome<CostCode>();
        if (input.ParentId is { } parent && !await db.CostCodes.AnyAsync(c => c.Id == parent, ct))
        {
            return Outcome<CostCode>.Invalid(nameof(CostCodeInput.ParentId), "The parent cost code does not exist.");
        }

        if (id is not null && input.ParentId is { } start && await IsDescendantAsync(start, id.Value, ct))
        {
            return Outcome<CostCode>.Invalid(nameof(CostCodeInput.ParentId), "The parent cannot be one of this cost code's own children.");
        }

        var code = await SaveChanges.FindOrAddAsync(db, id, input.Version, () => new CostCode { Number = "", Name = "" }, ct);
        if (code is null) return Outcome<CostCode>.NotFound($"Cost code {id} was not found.");

        code.Number = input.Number.Trim();
        code.Name = input.Name.Trim();
        code.ParentId = input.ParentId;
        return await SaveChanges.TryAsync(db, code, nameof(CostCodeInput.Number), "A cost code with this number already exists.", ct);
    }

    /// <summary>Walks up from <paramref name="candidate"/>; a cycle would reach <paramref name="id"/>.</summary>
    private async Task<bool> IsDescendantAsync(long candidate, long id, CancellationToken ct)
    {
        var parents = await db.CostCodes.Where(c => c.ParentId != null).ToDictionaryAsync(c => c.Id, c => c.ParentId!.Value, ct);
        var seen = new HashSet<long>();
        for (long? current = candidate; current is { } node && seen.Add(node); current = parents.TryGetValue(node, out var up) ? up : null)
        {
            if (node == id) return true;
        }
        return false;
    }
}
