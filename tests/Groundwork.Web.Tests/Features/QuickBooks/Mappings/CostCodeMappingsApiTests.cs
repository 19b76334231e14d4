using System.Net;
using System.Text;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Groundwork.Web.Tests.Features.QuickBooks.Mappings.MappingTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Mappings;

/// <summary>Mapping one cost code, the default item, and who may do what, through the API against the emulator.</summary>
[Trait("Category", "Database")]
public sealed class CostCodeMappingsApiTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task Put_MapsAndUnmaps_OnlyToActiveItems_WithProblemsForBadInputs()
    {
        var owner = await app.OwnerAsync();
        var code = await owner.Api.CostCodeAsync("03 30 00", "Cast-in-Place Concrete");
        var items = await owner.Api.ItemIdsAsync();
        var url = $"{CostCodesUrl}/{code}";

        var mapped = await (await owner.Api.PutJsonAsync(url, new { qboItemId = items["Concrete"] })).ReadJsonAsync();
        Assert.Equal(items["Concrete"], mapped.GetProperty("mapping").Str("qboItemId"));
        Assert.Equal("manual", mapped.GetProperty("mapping").Str("source"));
        Assert.Null(mapped.GetProperty("previous").Str("qboItemId"));

        await (await owner.Api.PutJsonAsync($"{CostCodesUrl}/999999999", new { qboItemId = items["Labor"] })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("no Product/Service", (await (await owner.Api.PutJsonAsync(url, new { qboItemId = "424242" })).AssertInvalidAsync("qboItemId"))[0]);
        await (await owner.Api.PutJsonAsync(url, new { qboItemId = "" })).AssertInvalidAsync("qboItemId");
        await (await owner.Api.PutJsonAsync(url, new { qboItemId = new string('9', 65) })).AssertInvalidAsync("qboItemId");
        await (await owner.Api.PutJsonAsync(url, new { qboItemId = 5 })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.Api.PutAsync($"{CostCodesUrl}/abc", new StringContent("{}", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.Api.PutAsync(url, new StringContent("{\"qboItemId\":", Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);

        var labor = (await owner.Qbo.Client.QueryAsync<QboItem>(owner.Qbo.Company, Groundwork.QuickBooks.QboQuery.From("Item").WhereEquals("Name", "Labor"), default)).Items.Single();
        await owner.Qbo.DeactivateAsync(labor);
        await owner.Api.ItemIdsAsync(refresh: true);
        var inactive = await (await owner.Api.PutJsonAsync(url, new { qboItemId = labor.Id })).AssertInvalidAsync("qboItemId");
        Assert.Contains("inactive items are never offered for a new mapping", inactive[0]);
        // Every refusal left the mapping as it was.
        Assert.Equal(items["Concrete"], (await owner.Api.RowAsync(code)).Str("qboItemId"));

        var unmapped = await (await owner.Api.PutJsonAsync(url, new { qboItemId = (string?)null })).ReadJsonAsync();
        Assert.Null(unmapped.GetProperty("mapping").Str("qboItemId"));
        Assert.Equal(items["Concrete"], unmapped.GetProperty("previous").Str("qboItemId"));
        Assert.Null((await owner.Api.RowAsync(code)).Str("source"));
    }

    [Fact]
    public async Task DefaultItem_IsRequiredAndActive_AndUnmappedCostCodesUseIt()
    {
        var owner = await app.OwnerAsync();
        var code = await owner.Api.CostCodeAsync("01", "Anything Else");
        var items = await owner.Api.ItemIdsAsync();
        var connection = (await app.ConnectionAsync(owner.User))!;
        Assert.False((await owner.Api.GetJsonAsync(DefaultItemUrl)).GetProperty("isSet").GetBoolean());
        Assert.False(await app.WithDbAsync(owner.User, db => DefaultItemIsSetAsync(db, connection.Id)));

        await (await owner.Api.PutJsonAsync(DefaultItemUrl, new { })).AssertInvalidAsync("qboItemId");
        await (await owner.Api.PutJsonAsync(DefaultItemUrl, new { qboItemId = (string?)null })).AssertInvalidAsync("qboItemId");
        await (await owner.Api.PutJsonAsync(DefaultItemUrl, new { qboItemId = "424242" })).AssertInvalidAsync("qboItemId");
        var concrete = (await owner.Qbo.Client.QueryAsync<QboItem>(owner.Qbo.Company, Groundwork.QuickBooks.QboQuery.From("Item").WhereEquals("Name", "Concrete"), default)).Items.Single();
        await owner.Qbo.DeactivateAsync(concrete);
        await owner.Api.ItemIdsAsync(refresh: true);
        await (await owner.Api.PutJsonAsync(DefaultItemUrl, new { qboItemId = concrete.Id })).AssertInvalidAsync("qboItemId");
        Assert.False(await app.WithDbAsync(owner.User, db => DefaultItemIsSetAsync(db, connection.Id)));

        var set = await (await owner.Api.PutJsonAsync(DefaultItemUrl, new { qboItemId = items["Services"] })).ReadJsonAsync();
        Assert.True(set.GetProperty("isSet").GetBoolean());
        Assert.Equal("Services", set.Str("qboItemName"));
        Assert.True(await app.WithDbAsync(owner.User, db => DefaultItemIsSetAsync(db, connection.Id)));
        Assert.True(await app.WithDbAsync(owner.User, db => Groundwork.Web.Features.QuickBooks.Mappings.DefaultItem.IsUsableAsync(db, connection.Id, default)));
        var row = await owner.Api.RowAsync(code);
        Assert.Equal("default", row.Str("source"));
        Assert.Equal(items["Services"], row.Str("qboItemId"));
        Assert.Equal(items["Services"], (await owner.Api.GetJsonAsync(DefaultItemUrl)).Str("qboItemId"));
    }

    private static Task<bool> DefaultItemIsSetAsync(Groundwork.Web.Data.GroundworkDbContext db, long connectionId) =>
        Groundwork.Web.Features.QuickBooks.Mappings.DefaultItem.IsSetAsync(db, connectionId, default);

    [Fact]
    public async Task MappedItem_MadeInactiveInQuickBooks_IsFlaggedAfterRefresh()
    {
        var owner = await app.OwnerAsync();
        var code = await owner.Api.CostCodeAsync("05", "Materials");
        var items = await owner.Api.ItemIdsAsync();
        await owner.Api.PutJsonAsync($"{CostCodesUrl}/{code}", new { qboItemId = items["Materials"] });
        await owner.Api.PutJsonAsync(DefaultItemUrl, new { qboItemId = items["Materials"] });
        var materials = (await owner.Qbo.Client.QueryAsync<QboItem>(owner.Qbo.Company, Groundwork.QuickBooks.QboQuery.From("Item").WhereEquals("Name", "Materials"), default)).Items.Single();
        await owner.Qbo.DeactivateAsync(materials);

        Assert.Equal("active", (await owner.Api.RowAsync(code)).Str("state")); // as last read, until refreshed
        await owner.Api.ItemIdsAsync(refresh: true);

        var row = await owner.Api.RowAsync(code);
        Assert.Equal("inactive", row.Str("state"));
        Assert.Equal(items["Materials"], row.Str("qboItemId"));
        Assert.Equal("inactive", (await owner.Api.GetJsonAsync(DefaultItemUrl)).Str("state"));
        var connection = (await app.ConnectionAsync(owner.User))!;
        Assert.False(await app.WithDbAsync(owner.User, db => Groundwork.Web.Features.QuickBooks.Mappings.DefaultItem.IsUsableAsync(db, connection.Id, default)));
    }

    [Fact]
    public async Task ChangingAMapping_ListsTheSyncedDocumentsThatUsedTheOldOne()
    {
        var owner = await app.OwnerAsync();
        var code = await owner.Api.CostCodeAsync("06", "Labor");
        var items = await owner.Api.ItemIdsAsync();
        await owner.Api.PutJsonAsync($"{CostCodesUrl}/{code}", new { qboItemId = items["Labor"] });
        var (jobId, _, _) = await owner.Api.CreateJobAsync();
        var invoice = await owner.Api.CreateAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = "Crew", quantity = 1, unitAmount = 100m, taxable = false, costCodeId = code } } });
        await owner.Api.CreateAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = "Crew", quantity = 1, unitAmount = 5m, taxable = false, costCodeId = code } } });
        await SyncedAsync(owner, invoice.Id(), "145"); // as the push issue will record it: only this one is synced

        var change = await (await owner.Api.PutJsonAsync($"{CostCodesUrl}/{code}", new { qboItemId = items["Services"] })).ReadJsonAsync();

        var usage = change.GetProperty("syncedUsage");
        Assert.Equal(1, usage.GetProperty("count").GetInt32());
        var document = Assert.Single(usage.GetProperty("documents").EnumerateArray());
        Assert.Equal(invoice.Id(), document.GetProperty("documentId").GetInt64());
        Assert.Equal("145", document.Str("qboId"));
        Assert.Equal(items["Labor"], change.GetProperty("previous").Str("qboItemId"));

        var same = await (await owner.Api.PutJsonAsync($"{CostCodesUrl}/{code}", new { qboItemId = items["Services"] })).ReadJsonAsync();
        Assert.Equal(0, same.GetProperty("syncedUsage").GetProperty("count").GetInt32());
    }

    private async Task SyncedAsync(MappingOwner owner, long documentId, string qboId) =>
        await app.WithDbAsync(owner.User, async db =>
        {
            var connection = await db.QboConnections.SingleAsync();
            var link = new QboLink { ConnectionId = connection.Id, Kind = LinkedKind.Invoice, LocalId = documentId };
            link.PointAt("Invoice", qboId, "1001");
            db.QboLinks.Add(link);
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Accountant_ReadsOnly_Member_IsForbidden()
    {
        var owner = await app.OwnerAsync();
        var code = await owner.Api.CostCodeAsync("07", "Labor");
        var items = await owner.Api.ItemIdsAsync();
        var accountant = await app.MemberApiAsync(owner.User, OrganizationRole.Accountant);
        var member = await app.MemberApiAsync(owner.User, OrganizationRole.Member);

        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(CostCodesUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(DefaultItemUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(CostCodesUrl + "/suggestions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PutJsonAsync($"{CostCodesUrl}/{code}", new { qboItemId = items["Labor"] })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PutJsonAsync(DefaultItemUrl, new { qboItemId = items["Labor"] })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostJsonAsync(CostCodesUrl + "/autofill", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { all = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.DeleteAsync($"{CostCodesUrl}/autofill/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(CostCodesUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(DefaultItemUrl)).StatusCode);
        Assert.Null((await owner.Api.RowAsync(code)).Str("qboItemId"));
    }

    [Fact]
    public async Task AnotherOrganizationsCostCode_IsNotFound_AndNeverListed()
    {
        var owner = await app.OwnerAsync();
        var other = await app.OwnerAsync();
        var theirs = await other.Api.CostCodeAsync("08", "Labor");
        var mine = await owner.Api.CostCodeAsync("08", "Labor");
        var items = await owner.Api.ItemIdsAsync();

        await (await owner.Api.PutJsonAsync($"{CostCodesUrl}/{theirs}", new { qboItemId = items["Labor"] })).AssertProblemAsync(HttpStatusCode.NotFound);
        var accepted = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { costCodeIds = new[] { theirs } })).ReadJsonAsync();
        Assert.Empty(accepted.GetProperty("mapped").EnumerateArray());
        var run = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/autofill", new { })).ReadJsonAsync();
        Assert.Equal(mine, Assert.Single(run.GetProperty("mapped").EnumerateArray()).GetProperty("costCodeId").GetInt64());

        var list = await owner.Api.GetJsonAsync(CostCodesUrl);
        Assert.Equal(mine, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("costCodeId").GetInt64());
        Assert.Null((await other.Api.RowAsync(theirs)).Str("qboItemId"));
    }

    [Fact]
    public async Task List_PagesAndSearches_WithClampedPageSize()
    {
        var owner = await app.OwnerAsync();
        for (var i = 1; i <= 5; i++) await owner.Api.CostCodeAsync($"1{i}", $"Trade {i}");
        await owner.Api.CostCodeAsync("99", "Roofing");

        var second = await owner.Api.GetJsonAsync(CostCodesUrl + "?page=2&pageSize=2");
        Assert.Equal(6, second.GetProperty("total").GetInt32());
        Assert.Equal(["13", "14"], second.GetProperty("items").EnumerateArray().Select(r => r.Str("number")!).ToArray());
        var found = await owner.Api.GetJsonAsync(CostCodesUrl + "?q=" + Uri.EscapeDataString("99 roof"));
        Assert.Equal("Roofing", Assert.Single(found.GetProperty("items").EnumerateArray()).Str("name"));
        Assert.Equal(200, (await owner.Api.GetJsonAsync(CostCodesUrl + "?pageSize=100000")).GetProperty("pageSize").GetInt32());
        Assert.Equal(1, (await owner.Api.GetJsonAsync(CostCodesUrl + "?page=-5")).GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task WithoutAConnection_EveryRouteAnswersNotFound()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        await (await api.GetAsync(CostCodesUrl)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.GetAsync(DefaultItemUrl)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostJsonAsync(CostCodesUrl + "/autofill", new { })).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
