using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Classes;

/// <summary>Query of the cost type → class mappings: search by cost type name, paging, and a refresh of QBO's classes.</summary>
public sealed class CostTypeClassQuery
{
    public string? Q { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
    public bool? Refresh { get; set; }
}

/// <summary>
/// <c>GET /api/v1/quickbooks/mappings/cost-types</c> (Accountants and up) and
/// <c>PUT /api/v1/quickbooks/mappings/cost-types/{costTypeId}</c> (Owner/Admin).
/// </summary>
internal static class ClassMappingApi
{
    public static RouteGroupBuilder MapClassMappingApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/mappings/cost-types", async ([AsParameters] CostTypeClassQuery query, ClassMapping mapping, CancellationToken ct) =>
            ApiResults.From(await mapping.ListAsync(new ListQuery { Q = query.Q, Page = query.Page, PageSize = query.PageSize }, query.Refresh == true, ct), p => p));
        quickbooks.MapPut("/mappings/cost-types/{costTypeId:long}", async (long costTypeId, CostTypeClassInput input, ClassMapping mapping, CancellationToken ct) =>
                ApiResults.From(await mapping.SetAsync(costTypeId, input, ct), c => c))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
