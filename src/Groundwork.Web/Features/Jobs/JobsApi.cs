using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Jobs;

public sealed record JobDto(long Id, string Number, string Name, long LocationId, string? LocationName, long? CustomerId, string? CustomerName, JobStatus Status, long Version)
{
    public static JobDto From(Job j) => new(j.Id, j.Number, j.Name, j.LocationId, j.Location?.Name, j.Location?.CustomerId,
        j.Location?.Customer?.Name, j.Status, j.Version);
}

public sealed class JobListQuery
{
    public string? Q { get; set; }
    public JobStatus? Status { get; set; }
    public long? CustomerId { get; set; }
    /// <summary>From the query string only: on a Razor page the route value "page" is the page's own path.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

internal static class JobsApi
{
    public static async Task<PageOf<Job>> ListAsync(GroundworkDbContext db, JobListQuery query, CancellationToken ct)
    {
        var paging = new ListQuery { Q = query.Q, Page = query.Page, PageSize = query.PageSize };
        var rows = db.Jobs.AsNoTracking().Include(j => j.Location).ThenInclude(l => l!.Customer).AsQueryable();
        if (paging.Term?.ToLower() is { } t)
        {
            rows = rows.Where(j => j.Name.ToLower().Contains(t) || j.Number.ToLower().Contains(t) || j.Location!.Customer!.Name.ToLower().Contains(t));
        }
        if (query.Status is { } status) rows = rows.Where(j => j.Status == status);
        if (query.CustomerId is { } customer) rows = rows.Where(j => j.Location!.CustomerId == customer);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(j => j.Number).Skip(paging.Skip).Take(paging.SafePageSize).ToListAsync(ct);
        return new PageOf<Job>(items, paging.SafePage, paging.SafePageSize, total);
    }

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/jobs").WithTags("Jobs");
        group.MapGet("/", async ([AsParameters] JobListQuery query, GroundworkDbContext db, CancellationToken ct) =>
        {
            var page = await ListAsync(db, query, ct);
            return TypedResults.Ok(new PageOf<JobDto>(page.Items.Select(JobDto.From).ToList(), page.Page, page.PageSize, page.Total));
        });
        group.MapGet("/{id:long}", async (long id, GroundworkDbContext db, CancellationToken ct) =>
            await db.Jobs.AsNoTracking().Include(j => j.Location).ThenInclude(l => l!.Customer).FirstOrDefaultAsync(j => j.Id == id, ct) is { } j
                ? TypedResults.Ok(JobDto.From(j)) : ApiResults.NotFound($"Job {id}"));
        group.MapPost("/", async (JobInput input, SaveJob save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(null, input, ct), JobDto.From, StatusCodes.Status201Created));
        group.MapPut("/{id:long}", async (long id, JobInput input, SaveJob save, CancellationToken ct) =>
            ApiResults.From(await save.HandleAsync(id, input, ct), JobDto.From));
        return api;
    }
}
