using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Layout;

internal static class CustomerLayoutApi
{
    /// <summary><c>GET|PUT /api/v1/quickbooks/settings/layout</c>: Accountants read, Owner/Admin change.</summary>
    public static RouteGroupBuilder MapCustomerLayoutApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/settings/layout", async (SetCustomerLayout layout, CancellationToken ct) => ApiResults.From(await layout.GetAsync(ct), v => v));
        quickbooks.MapPut("/settings/layout", async (CustomerLayoutInput input, SetCustomerLayout layout, CancellationToken ct) =>
                ApiResults.From(await layout.HandleAsync(input, ct), v => v))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
