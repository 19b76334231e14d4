using System.Text.Json;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Mappings;

/// <summary>An owner connected to a fresh emulator company (so a test may change its items), with an API client.</summary>
public sealed record MappingOwner(TestUser User, HttpClient Browser, HttpClient Api, QuickBooksSide Qbo, string Realm);

internal static class MappingTestData
{
    public const string CostCodesUrl = "/api/v1/quickbooks/mappings/cost-codes";
    public const string DefaultItemUrl = "/api/v1/quickbooks/mappings/default-item";

    public static async Task<MappingOwner> OwnerAsync(this QboAppFactory app, params QboItem[] extraItems)
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        foreach (var item in extraItems) await qbo.CreateAsync(item);
        var (user, browser) = await app.ConnectedOwnerAsync(realm);
        return new MappingOwner(user, browser, await app.ApiClientAsync(user), qbo, realm);
    }

    public static async Task<HttpClient> MemberApiAsync(this QboAppFactory app, TestUser owner, OrganizationRole role) =>
        await app.ApiClientAsync(await app.CreateUserAsync(role, owner.OrganizationId));

    public static QboItem Service(string name, string? parentId = null) => new()
    {
        Name = name, Type = "Service", IncomeAccountRef = new QboRef("6"), ExpenseAccountRef = new QboRef("10"),
        ParentRef = parentId is null ? null : new QboRef(parentId), SubItem = parentId is null ? null : true,
    };

    public static async Task<long> CostCodeAsync(this HttpClient api, string number, string name) =>
        (await api.CreateAsync("/api/v1/cost-codes", new { number, name })).Id();

    /// <summary>QBO item ids by name, as Groundwork's cache has them (inactive ones under their "(deleted)" name).</summary>
    public static async Task<Dictionary<string, string>> ItemIdsAsync(this HttpClient api, bool refresh = false)
    {
        var page = await api.GetJsonAsync($"/api/v1/quickbooks/items?pageSize=200&refresh={(refresh ? "true" : "false")}");
        return page.GetProperty("items").EnumerateArray().DistinctBy(i => i.GetProperty("name").GetString()).ToDictionary(i => i.GetProperty("name").GetString()!, i => i.GetProperty("id").GetString()!);
    }

    public static async Task<JsonElement> RowAsync(this HttpClient api, long costCodeId)
    {
        var page = await api.GetJsonAsync(CostCodesUrl + "?pageSize=200");
        return page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("costCodeId").GetInt64() == costCodeId);
    }

    public static string? Str(this JsonElement json, string property) =>
        json.GetProperty(property).ValueKind == JsonValueKind.Null ? null : json.GetProperty(property).GetString();
}
