using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.BillPayments;

internal static class BillPaymentAccountApi
{
    /// <summary><c>GET|PUT /api/v1/quickbooks/settings/bill-payment-account</c>: Accountants read, Owner/Admin change.</summary>
    public static RouteGroupBuilder MapBillPaymentAccountApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/settings/bill-payment-account", async (bool? refresh, BillPaymentAccounts accounts, CancellationToken ct) =>
            ApiResults.From(await accounts.GetAsync(refresh == true, ct), v => v));
        quickbooks.MapPut("/settings/bill-payment-account", async (BillPaymentAccountInput input, BillPaymentAccounts accounts, CancellationToken ct) =>
                ApiResults.From(await accounts.HandleAsync(input, ct), v => v))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
