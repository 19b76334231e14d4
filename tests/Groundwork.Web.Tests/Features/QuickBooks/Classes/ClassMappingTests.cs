using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Classes;

/// <summary>Class Mapping: cost types → QBO classes, only while QBO tracks classes one to each row.</summary>
[Trait("Category", "Database")]
public sealed class ClassMappingTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string Url = "/api/v1/quickbooks/mappings/cost-types";

    private async Task<(TestUser Owner, HttpClient Api)> OwnerAsync(string realm)
    {
        var (owner, _) = await app.ConnectedOwnerAsync(realm);
        return (owner, await app.ApiClientAsync(owner));
    }

    private static async Task<long> CostTypeAsync(HttpClient client, string name) =>
        (await client.CreateAsync("/api/v1/cost-types", new { name, taxableByDefault = false })).Id();

    private static async Task<QboClass> ClassAsync(QuickBooksSide qbo, string name) =>
        (await qbo.Client.QueryAsync<QboClass>(qbo.Company, QboQuery.From("Class").WhereEquals("Name", name), default)).Items.Single();

    private static JsonElement Row(JsonElement page, long costTypeId) =>
        page.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("costTypeId").GetInt64() == costTypeId);

    /// <summary>Sets QBO's class tracking as the bookkeeper would in Account and settings.</summary>
    private static async Task SetClassTrackingAsync(QuickBooksSide qbo, bool perTxn, bool perLine)
    {
        var prefs = (await qbo.Client.ReadPreferencesAsync(qbo.Company, default)).Value;
        await qbo.UpdateAsync(new QboPreferences
        {
            Id = prefs.Id, SyncToken = prefs.SyncToken,
            AccountingInfoPrefs = prefs.AccountingInfoPrefs! with { ClassTrackingPerTxn = perTxn, ClassTrackingPerTxnLine = perLine },
        });
    }

    [Fact]
    public async Task Map_WithClassesPerLine_IsSavedShownAndUnmapped()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var labor = await CostTypeAsync(client, "Labor");
        var materials = await CostTypeAsync(client, "Materials");
        var laborClass = await ClassAsync(qbo, "Labor");

        var list = await client.GetJsonAsync(Url);
        Assert.True(list.GetProperty("classMapping").GetProperty("available").GetBoolean());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("classMapping").GetProperty("steps").ValueKind);
        Assert.Equal(JsonValueKind.Null, Row(list, labor).GetProperty("qboClassId").ValueKind);

        var put = await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = laborClass.Id });
        var change = await put.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Labor", change.GetProperty("mapping").GetProperty("qboClassName").GetString());
        Assert.Equal(JsonValueKind.Null, change.GetProperty("previous").ValueKind);

        var mapped = Row(await client.GetJsonAsync(Url), labor);
        Assert.Equal((laborClass.Id, "Labor", "active"), (mapped.GetProperty("qboClassId").GetString(), mapped.GetProperty("qboClassName").GetString(), mapped.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, Row(await client.GetJsonAsync(Url), materials).GetProperty("qboClassId").ValueKind);
        var link = await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().SingleAsync());
        Assert.Equal((LinkedKind.CostType, labor, "Class", QboLinkSource.Manual), (link.Kind, link.LocalId, link.QboType, link.Source));

        var unmapped = await (await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = (string?)null })).ReadJsonAsync();
        Assert.Equal(laborClass.Id, unmapped.GetProperty("previous").GetProperty("qboClassId").GetString());
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task Map_WhenClassTrackingIsOff_IsRefusedWithQuickBooksSteps()
    {
        var (owner, client) = await OwnerAsync(await app.NewCompanyAsync("plain"));
        var labor = await CostTypeAsync(client, "Labor");

        var list = await client.GetJsonAsync(Url);
        var availability = list.GetProperty("classMapping");
        Assert.False(availability.GetProperty("available").GetBoolean());
        Assert.Contains("off", availability.GetProperty("finding").GetString());
        Assert.Contains("Track classes", availability.GetProperty("steps").GetString());

        var problem = await (await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = "1" })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("One to each row in transaction", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task Map_WhenClassesAreTrackedPerTransaction_IsRefused_AndWorksOnceSetPerRow()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        await SetClassTrackingAsync(qbo, perTxn: true, perLine: false);
        var (_, client) = await OwnerAsync(realm);
        var labor = await CostTypeAsync(client, "Labor");
        var laborClass = await ClassAsync(qbo, "Labor");

        var availability = (await client.GetJsonAsync(Url)).GetProperty("classMapping");
        Assert.False(availability.GetProperty("available").GetBoolean());
        Assert.Contains("once per transaction", availability.GetProperty("finding").GetString());
        var problem = await (await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = laborClass.Id })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Track classes", problem.GetProperty("detail").GetString());

        // The bookkeeper fixes it in QuickBooks; Groundwork reads the setting live.
        await SetClassTrackingAsync(qbo, perTxn: false, perLine: true);
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = laborClass.Id })).StatusCode);
    }

    [Fact]
    public async Task Map_ToAnInactiveOrUnknownClass_IsAProblem_AndAMappedClassMadeInactiveIsFlagged()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var labor = await CostTypeAsync(client, "Labor");
        var other = await CostTypeAsync(client, "Other");
        var equipment = await ClassAsync(qbo, "Equipment");
        var otherClass = await ClassAsync(qbo, "Other");
        await qbo.DeactivateAsync(otherClass);
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = equipment.Id })).StatusCode);

        var inactive = await (await client.PutJsonAsync($"{Url}/{other}", new { qboClassId = otherClass.Id })).AssertInvalidAsync("qboClassId");
        Assert.Contains("inactive", inactive[0]);
        await (await client.PutJsonAsync($"{Url}/{other}", new { qboClassId = "987654" })).AssertInvalidAsync("qboClassId");
        await (await client.PutJsonAsync($"{Url}/{other}", new { qboClassId = new string('9', 65) })).AssertInvalidAsync("qboClassId");
        await (await client.PutJsonAsync($"{Url}/{other}", new { qboClassId = "" })).AssertInvalidAsync("qboClassId");
        await (await client.PutJsonAsync($"{Url}/99999999", new { qboClassId = equipment.Id })).AssertProblemAsync(HttpStatusCode.NotFound);
        var malformed = await client.PutAsync($"{Url}/{other}", new StringContent("{\"qboClassId\": 5", System.Text.Encoding.UTF8, "application/json"));
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(1, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));

        // Made inactive in QuickBooks: shown as last seen until the classes are read again, then flagged.
        await qbo.DeactivateAsync(await ClassAsync(qbo, "Equipment"));
        Assert.Equal("active", Row(await client.GetJsonAsync(Url), labor).GetProperty("state").GetString());
        var flagged = Row(await client.GetJsonAsync(Url + "?refresh=true"), labor);
        Assert.Equal("inactive", flagged.GetProperty("state").GetString());
        Assert.Contains("inactive", flagged.GetProperty("flag").GetString());
        Assert.Equal(JsonValueKind.Null, Row(await client.GetJsonAsync(Url), other).GetProperty("flag").ValueKind);
    }

    [Fact]
    public async Task Remap_ListsTheSyncedDocumentsThatUsedTheOldClass()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var labor = await CostTypeAsync(client, "Labor");
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateAsync("/api/v1/invoices", new
        {
            jobId, lines = new[] { new { name = "Framing", quantity = 1, unitAmount = 100m, taxable = false, costTypeId = labor } },
        });
        var connection = (await app.ConnectionAsync(owner))!;
        await app.WithDbAsync(owner, async db =>
        {
            var synced = new QboLink { ConnectionId = connection.Id, Kind = LinkedKind.Invoice, LocalId = invoice.Id() };
            synced.PointAt("Invoice", "4711", "1001");
            db.QboLinks.Add(synced);
            return await db.SaveChangesAsync();
        });
        await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = (await ClassAsync(qbo, "Labor")).Id });

        var change = await (await client.PutJsonAsync($"{Url}/{labor}", new { qboClassId = (await ClassAsync(qbo, "Other")).Id })).ReadJsonAsync();

        Assert.Equal("Labor", change.GetProperty("previous").GetProperty("qboClassName").GetString());
        var used = change.GetProperty("syncedDocumentsUsingPrevious");
        Assert.Equal(1, used.GetProperty("count").GetInt32());
        Assert.Equal("4711", used.GetProperty("documents")[0].GetProperty("qboId").GetString());
    }

    [Fact]
    public async Task Mapping_IsReadByAccountants_ChangedByOwnersAndAdmins_AndStaysInItsOrganization()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var labor = await CostTypeAsync(client, "Labor");
        var classId = (await ClassAsync(qbo, "Labor")).Id;
        var accountant = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));
        var admin = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Admin, owner.OrganizationId));
        var member = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));

        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PutJsonAsync($"{Url}/{labor}", new { qboClassId = classId })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(Url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PutJsonAsync($"{Url}/{labor}", new { qboClassId = classId })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"{Url}/{labor}", new { qboClassId = classId })).StatusCode);

        var (other, otherClient) = await OwnerAsync(realm);
        await (await otherClient.PutJsonAsync($"{Url}/{labor}", new { qboClassId = classId })).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(0, (await otherClient.GetJsonAsync(Url)).GetProperty("total").GetInt32());
        Assert.Equal(0, await app.WithDbAsync(other, db => db.QboLinks.CountAsync()));
    }
}
