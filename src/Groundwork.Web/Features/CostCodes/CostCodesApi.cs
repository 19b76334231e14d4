using Groundwork.Web.Data;
using Groundwork.Web.Features.CostTypes;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.CostCodes;

public sealed record CostCodeDto(long Id, string Number, string Name, long? ParentId, long Version)
{
    public static CostCodeDto From(CostCode c) => new(c.Id, c.Number, c.Name, c.ParentId, c.Version);
}

public sealed record CostTypeDto(long Id, string Name, bool TaxableByDefault, long Version)
{
    public static CostTypeDto From(CostType c) => new(c.Id, c.Name, c.TaxableByDefault, c.Version);
}

internal static class CostCodesApi
{
    public static RouteGroupBuilder MapCostCodesApi(this RouteGroupBuilder api)
    {
        var codes = api.MapGroup("/cost-codes").WithTags("Cost codes");
        codes.MapGet("/", async (GroundworkDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.CostCodes.AsNoTracking().OrderBy(c => c.Number).ToListAsync(ct)).Select(CostCodeDto.From).ToList()));
        codes.MapPost("/", async (CostCodeInput input, SaveCostCode save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(null, input, ct), CostCodeDto.From, StatusCodes.Status201Created));
        codes.MapPut("/{id:long}", async (long id, CostCodeInput input, SaveCostCode save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(id, input, ct), CostCodeDto.From));

        var types = api.MapGroup("/cost-types").WithTags("Cost types");
        types.MapGet("/", async (GroundworkDbContext db, CancellationToken ct) =>
            TypedResults.Ok((await db.CostTypes.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct)).Select(CostTypeDto.From).ToList()));
        types.MapPost("/", async (CostTypeInput input, SaveCostType save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(null, input, ct), CostTypeDto.From, StatusCodes.Status201Created));
        types.MapPut("/{id:long}", async (long id, CostTypeInput input, SaveCostType save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(id, input, ct), CostTypeDto.From));
        return api;
    }
}
