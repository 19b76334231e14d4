using Groundwork.Web.Data;
using Groundwork.Web.Features.Locations;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Web.Features.Customers;

internal static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers");
        group.MapGet("/", async ([AsParameters] ListQuery query, GroundworkDbContext db, CancellationToken ct) =>
        {
            var page = await CustomerQueries.ListAsync(db, query, ct);
            return TypedResults.Ok(new PageOf<CustomerDto>(page.Items.Select(CustomerDto.From).ToList(), page.Page, page.PageSize, page.Total));
        });
        group.MapGet("/{id:long}", async (long id, GroundworkDbContext db, CancellationToken ct) =>
            await CustomerQueries.FindAsync(db, id, ct) is { } c ? TypedResults.Ok(CustomerDto.From(c)) : ApiResults.NotFound($"Customer {id}"));
        group.MapPost("/", async (CustomerInput input, SaveCustomer save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(null, input, ct), CustomerDto.From, StatusCodes.Status201Created));
        group.MapPut("/{id:long}", async (long id, CustomerInput input, SaveCustomer save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(id, input, ct), CustomerDto.From));

        group.MapPost("/{id:long}/locations", async (long id, LocationInput input, SaveLocation save, CancellationToken ct) =>
        {
            input.CustomerId = id;
            return ApiResults.From(await save.HandleAsync(null, input, ct), LocationDto.From, StatusCodes.Status201Created);
        });
        api.MapPut("/locations/{id:long}", async (long id, LocationInput input, SaveLocation save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(id, input, ct), LocationDto.From)).WithTags("Customers");
        return api;
    }
}
