using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Mappings;

/// <summary>
/// <c>/api/v1/quickbooks/mappings</c>: cost codes → Products/Services, the default item, Autofill and its suggestions.
/// Reads for Accountants and up (the group's policy); every write for Owner/Admin.
/// </summary>
internal static class CostCodeMappingsApi
{
    public static RouteGroupBuilder MapCostCodeMappingsApi(this RouteGroupBuilder quickbooks)
    {
        var mappings = quickbooks.MapGroup("/mappings");
        const string admin = AccountServiceCollectionExtensions.AdminPolicy;

        mappings.MapGet("/cost-codes", async ([AsParameters] ListQuery query, CostCodeMappings use, CancellationToken ct) =>
            ApiResults.From(await use.ListAsync(query, ct), v => v));
        mappings.MapPut("/cost-codes/{costCodeId}", async (long costCodeId, MapCostCodeInput input, CostCodeMappings use, CancellationToken ct) =>
            ApiResults.From(await use.MapAsync(costCodeId, input.QboItemId, ct), v => v)).RequireAuthorization(admin);

        mappings.MapGet("/default-item", async (CostCodeMappings use, CancellationToken ct) =>
            ApiResults.From(await use.GetDefaultAsync(ct), v => v));
        mappings.MapPut("/default-item", async (DefaultItemInput input, CostCodeMappings use, CancellationToken ct) =>
            ApiResults.From(await use.SetDefaultAsync(input.QboItemId, ct), v => v)).RequireAuthorization(admin);

        mappings.MapPost("/cost-codes/autofill", async (CostCodeAutofill use, CancellationToken ct) =>
            ApiResults.From(await use.AutofillAsync(ct), v => v)).RequireAuthorization(admin);
        mappings.MapDelete("/cost-codes/autofill/{batchId}", async (string batchId, CostCodeAutofill use, CancellationToken ct) =>
            ApiResults.From(await use.UndoAsync(batchId, ct), v => v)).RequireAuthorization(admin);
        mappings.MapGet("/cost-codes/suggestions", async (CostCodeAutofill use, CancellationToken ct) =>
            ApiResults.From(await use.SuggestionsAsync(ct), v => v));
        mappings.MapPost("/cost-codes/suggestions/accept", async (AcceptSuggestionsInput input, CostCodeAutofill use, CancellationToken ct) =>
            ApiResults.From(await use.AcceptAsync(input, ct), v => v)).RequireAuthorization(admin);
        return quickbooks;
    }
}
