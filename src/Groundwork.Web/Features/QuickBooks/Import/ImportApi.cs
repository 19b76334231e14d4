using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Import;

internal static class ImportApi
{
    /// <summary><c>GET|POST /api/v1/quickbooks/import</c>: Accountants see what can be imported, Owner/Admin import.</summary>
    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/import", async ([AsParameters] ImportQuery query, ImportCandidates candidates, CancellationToken ct) =>
            ApiResults.From(await candidates.PageAsync(query, ct), p => p));
        quickbooks.MapPost("/import", async (ImportRequest request, ImportFromQuickBooks import, CancellationToken ct) =>
                ApiResults.From(await import.HandleAsync(request, ct), r => r))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
