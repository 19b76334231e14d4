using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks.Lists;

namespace Groundwork.Web.Features.QuickBooks;

/// <summary>
/// <c>/api/v1/quickbooks</c>: Accountants and up may read (lists, mappings, links); each write endpoint requires
/// <see cref="AccountServiceCollectionExtensions.AdminPolicy"/> (Owner/Admin), as the mapping pages do.
/// </summary>
internal static class QuickBooksApi
{
    public static RouteGroupBuilder MapQuickBooksApi(this RouteGroupBuilder api)
    {
        var quickbooks = api.MapGroup("/quickbooks").WithTags("QuickBooks").RequireAuthorization(AccountServiceCollectionExtensions.AccountantPolicy);
        quickbooks.MapQboListsApi();
        Classes.ClassMappingApi.MapClassMappingApi(Items.ItemsApi.MapCreateItemsApi(quickbooks));
        Names.NameLinksApi.MapNameLinksApi(quickbooks);
        Import.ImportApi.MapImportApi(Layout.CustomerLayoutApi.MapCustomerLayoutApi(quickbooks));
        Mappings.CostCodeMappingsApi.MapCostCodeMappingsApi(quickbooks);
        Sync.PushApi.MapPushApi(quickbooks);
        Sync.Log.SyncLogApi.MapSyncLogApi(quickbooks);
        Sync.Inbound.RepushApi.MapRepushApi(quickbooks);
        Sync.Reconciliation.ReconciliationApi.MapReconciliationApi(quickbooks);
        Sync.Inbound.DriftApi.MapDriftApi(quickbooks);
        Sync.Inbound.CreditMemosApi.MapCreditMemosApi(quickbooks);
        BillPayments.BillPaymentAccountApi.MapBillPaymentAccountApi(quickbooks);
        return api;
    }
}
