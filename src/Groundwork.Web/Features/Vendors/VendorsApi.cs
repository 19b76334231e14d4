using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Vendors;

public sealed record VendorDto(long Id, string Name, string? ContactName, string? Email, string? Phone, PostalAddress Address, bool IsActive, long Version)
{
    public static VendorDto From(Vendor v) => new(v.Id, v.Name, v.ContactName, v.Email, v.Phone, v.Address, v.IsActive, v.Version);
}

internal static class VendorsApi
{
    public static async Task<PageOf<Vendor>> ListAsync(GroundworkDbContext db, ListQuery query, CancellationToken ct)
    {
        var rows = db.Vendors.AsNoTracking();
        if (query.Term?.ToLower() is { } t)
        {
            rows = rows.Where(v => v.Name.ToLower().Contains(t) || (v.Email ?? "").ToLower().Contains(t));
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(v => v.Name).Skip(query.Skip).Take(query.SafePageSize).ToListAsync(ct);
        return new PageOf<Vendor>(items, query.SafePage, query.SafePageSize, total);
    }

    public static RouteGroupBuilder MapVendorsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/vendors").WithTags("Vendors");
        group.MapGet("/", async ([AsParameters] ListQuery query, GroundworkDbContext db, CancellationToken ct) =>
        {
            var page = await ListAsync(db, query, ct);
            return TypedResults.Ok(new PageOf<VendorDto>(page.Items.Select(VendorDto.From).ToList(), page.Page, page.PageSize, page.Total));
        });
        group.MapGet("/{id:long}", async (long id, GroundworkDbContext db, CancellationToken ct) =>
            await db.Vendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct) is { } v ? TypedResults.Ok(VendorDto.From(v)) : ApiResults.NotFound($"Vendor {id}"));
        group.MapPost("/", async (VendorInput input, SaveVendor save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(null, input, ct), VendorDto.From, StatusCodes.Status201Created));
        group.MapPut("/{id:long}", async (long id, VendorInput input, SaveVendor save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(id, input, ct), VendorDto.From));
        return api;
    }
}
