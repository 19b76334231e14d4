using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Items;

/// <summary>Create missing items: <c>POST /api/v1/quickbooks/items/preview</c> and <c>POST /api/v1/quickbooks/items</c> (the preview is a read: Accountants may ask; creating needs Owner/Admin).</summary>
internal static class ItemsApi
{
    public static RouteGroupBuilder MapCreateItemsApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapPost("/items/preview", async (ItemsPreviewRequest request, CreateMissingItems create, CancellationToken ct) =>
                ApiResults.From(await create.PreviewAsync(request, ct), p => p));
        quickbooks.MapPost("/items", async (CreateItemsRequest request, CreateMissingItems create, CancellationToken ct) =>
                ApiResults.From(await create.CreateAsync(request, ct), r => r))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
