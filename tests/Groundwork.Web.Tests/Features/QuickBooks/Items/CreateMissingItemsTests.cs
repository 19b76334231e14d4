using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Items;

/// <summary>Create missing items: names checked against QBO's rules before QBO sees them, items created through the gateway and mapped.</summary>
[Trait("Category", "Database")]
public sealed class CreateMissingItemsTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    /// <summary>29 characters, the longest a cost code number gets in these tests.</summary>
    private const string LongNumber = "01 02 03 04 05 06 07 08 09 10";
    /// <summary>99 characters of whole words: with the number, 129 characters, over QBO's 100.</summary>
    private static readonly string LongName = string.Join(' ', Enumerable.Repeat("Framing", 12)) + " End";

    /// <summary>An owner connected to <paramref name="realm"/>, with a bearer API client.</summary>
    private async Task<(TestUser Owner, HttpClient Api)> OwnerAsync(string realm)
    {
        var (owner, _) = await app.ConnectedOwnerAsync(realm);
        return (owner, await app.ApiClientAsync(owner));
    }

    private static async Task<long> CostCodeAsync(HttpClient client, string number, string name) =>
        (await client.CreateAsync("/api/v1/cost-codes", new { number, name })).Id();

    private static JsonElement ByCostCode(JsonElement results, long id) =>
        results.EnumerateArray().Single(r => r.GetProperty("costCodeId").GetInt64() == id);

    private static async Task<List<QboItem>> QboItemsAsync(QuickBooksSide qbo) =>
        [.. (await qbo.Client.QueryAsync<QboItem>(qbo.Company, QboQuery.From("Item").IncludeInactive().MaxResults(1000), default)).Items];

    [Fact]
    public async Task Preview_ProposesNumberAndName_FixesColonAndLength_AndDefaultsTheAccounts()
    {
        var (_, client) = await OwnerAsync(await app.NewCompanyAsync());
        var plain = await CostCodeAsync(client, "01 00 00", "General Requirements");
        var colon = await CostCodeAsync(client, "02 00 00", "Site: Work");
        var longOne = await CostCodeAsync(client, LongNumber, LongName);

        var response = await client.PostJsonAsync("/api/v1/quickbooks/items/preview", new { costCodeIds = new[] { plain, colon, longOne } });
        var preview = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = preview.GetProperty("costCodes");
        var ok = ByCostCode(codes, plain);
        Assert.Equal("01 00 00 General Requirements", ok.GetProperty("proposedName").GetString());
        Assert.Empty(ok.GetProperty("problems").EnumerateArray());
        Assert.Equal("01 00 00 General Requirements", ok.GetProperty("suggestedName").GetString());

        var fixedColon = ByCostCode(codes, colon);
        Assert.Contains("colon", fixedColon.GetProperty("problems")[0].GetString());
        Assert.Equal("02 00 00 Site - Work", fixedColon.GetProperty("suggestedName").GetString());

        var fixedLength = ByCostCode(codes, longOne);
        var proposed = fixedLength.GetProperty("proposedName").GetString()!;
        var suggested = fixedLength.GetProperty("suggestedName").GetString()!;
        Assert.Equal(129, proposed.Length);
        Assert.Contains("100", fixedLength.GetProperty("problems")[0].GetString());
        Assert.InRange(suggested.Length, 90, 100);
        Assert.StartsWith(suggested, proposed);
        Assert.Equal(' ', proposed[suggested.Length]); // cut at a word boundary

        var accounts = preview.GetProperty("accounts");
        Assert.Equal("6", accounts.GetProperty("defaultIncomeId").GetString()); // "Services"
        Assert.Equal("Cost of Labor", accounts.GetProperty("expense").EnumerateArray()
            .Single(a => a.GetProperty("id").GetString() == accounts.GetProperty("defaultExpenseId").GetString()).GetProperty("name").GetString());
        Assert.DoesNotContain(accounts.GetProperty("income").EnumerateArray(), a => a.GetProperty("type").GetString() is "Bank" or "Expense");
    }

    [Fact]
    public async Task Create_RefusesBrokenNamesBeforeQuickBooks_CreatesAndMapsTheRest_RemembersThemInTheList()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var plain = await CostCodeAsync(client, "01 00 00", "General Requirements");
        var colon = await CostCodeAsync(client, "02 00 00", "Site: Work");
        var longOne = await CostCodeAsync(client, LongNumber, LongName);
        var before = (await QboItemsAsync(qbo)).Count;

        var response = await client.PostJsonAsync("/api/v1/quickbooks/items", new { costCodeIds = new[] { plain, colon, longOne }, type = "NonInventory" });
        var results = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = ByCostCode(results, plain).GetProperty("created");
        Assert.Equal("01 00 00 General Requirements", created.GetProperty("name").GetString());
        var refusedColon = ByCostCode(results, colon);
        Assert.Equal(JsonValueKind.Null, refusedColon.GetProperty("created").ValueKind);
        Assert.Contains("colon", refusedColon.GetProperty("reason").GetString());
        Assert.Equal("02 00 00 Site - Work", refusedColon.GetProperty("suggestedName").GetString());
        Assert.Contains("100", ByCostCode(results, longOne).GetProperty("reason").GetString());

        // QuickBooks saw only the good name, with the chosen type and the default accounts.
        var items = await QboItemsAsync(qbo);
        Assert.Equal(before + 1, items.Count);
        var item = items.Single(i => i.Id == created.GetProperty("qboItemId").GetString());
        Assert.Equal("NonInventory", item.Type);
        Assert.Equal("6", item.IncomeAccountRef?.Value);
        Assert.Equal("10", item.ExpenseAccountRef?.Value);

        var link = await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().SingleAsync(l => l.Kind == LinkedKind.CostCode));
        Assert.Equal((plain, item.Id, QboLinkSource.Created, "Item"), (link.LocalId, link.QboId, link.Source, link.QboType));
        var cached = await (await client.GetAsync("/api/v1/quickbooks/items?q=general+requirements")).ReadJsonAsync();
        Assert.Equal(item.Id, Assert.Single(cached.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        // The fixed names, as the user accepts them, pass.
        var again = await (await client.PostJsonAsync("/api/v1/quickbooks/items", new
        {
            costCodeIds = new[] { colon, longOne },
            names = new Dictionary<string, string> { [colon.ToString()] = "02 00 00 Site - Work", [longOne.ToString()] = ByCostCode(results, longOne).GetProperty("suggestedName").GetString()! },
        })).ReadJsonAsync();
        Assert.All(again.EnumerateArray(), r => Assert.Equal(JsonValueKind.Object, r.GetProperty("created").ValueKind));
        Assert.Equal(before + 3, (await QboItemsAsync(qbo)).Count);
    }

    [Fact]
    public async Task Create_NameOfAnInactiveItem_IsRefusedWithASuffixedName()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var old = await qbo.CreateAsync(new QboItem { Name = "04 00 00 Masonry", Type = "Service", IncomeAccountRef = new QboRef("6"), ExpenseAccountRef = new QboRef("10") });
        await qbo.DeactivateAsync(old);
        var (_, client) = await OwnerAsync(realm);
        var masonry = await CostCodeAsync(client, "04 00 00", "Masonry");

        var preview = ByCostCode((await (await client.PostJsonAsync("/api/v1/quickbooks/items/preview", new { costCodeIds = new[] { masonry } })).ReadJsonAsync()).GetProperty("costCodes"), masonry);
        Assert.Contains("inactive", preview.GetProperty("problems")[0].GetString());
        Assert.Equal("04 00 00 Masonry (2)", preview.GetProperty("suggestedName").GetString());

        var refused = ByCostCode(await (await client.PostJsonAsync("/api/v1/quickbooks/items", new { costCodeIds = new[] { masonry } })).ReadJsonAsync(), masonry);
        Assert.Contains("inactive", refused.GetProperty("reason").GetString());
        var created = ByCostCode(await (await client.PostJsonAsync("/api/v1/quickbooks/items", new
        {
            costCodeIds = new[] { masonry }, names = new Dictionary<string, string> { [masonry.ToString()] = "04 00 00 Masonry (2)" },
        })).ReadJsonAsync(), masonry);
        Assert.Equal("04 00 00 Masonry (2)", created.GetProperty("created").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_TwoCostCodesWithOneName_CreatesTheFirstOnly()
    {
        var realm = await app.NewCompanyAsync();
        var (_, client) = await OwnerAsync(realm);
        var first = await CostCodeAsync(client, "06 10 00", "Rough Carpentry");
        var second = await CostCodeAsync(client, "06 20 00", "Finish Carpentry");

        var results = await (await client.PostJsonAsync("/api/v1/quickbooks/items", new
        {
            costCodeIds = new[] { first, second },
            names = new Dictionary<string, string> { [first.ToString()] = "Carpentry", [second.ToString()] = "  carpentry " },
        })).ReadJsonAsync();

        Assert.Equal("Carpentry", ByCostCode(results, first).GetProperty("created").GetProperty("name").GetString());
        var refused = ByCostCode(results, second);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("created").ValueKind);
        Assert.Contains("Another cost code in this request", refused.GetProperty("reason").GetString());
        Assert.Equal("carpentry (2)", refused.GetProperty("suggestedName").GetString());
        Assert.Single(await QboItemsAsync(await app.QuickBooksAsync(realm)), i => NameMatch.Key(i.Name) == "CARPENTRY");
    }

    [Fact]
    public async Task Create_AlreadyMappedCostCode_IsReportedAndNotCreatedAgain()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var code = await CostCodeAsync(client, "07 00 00", "Thermal Protection");
        Assert.Equal(JsonValueKind.Object, ByCostCode(await (await client.PostJsonAsync("/api/v1/quickbooks/items", new { costCodeIds = new[] { code } })).ReadJsonAsync(), code).GetProperty("created").ValueKind);
        var count = (await QboItemsAsync(qbo)).Count;

        var second = ByCostCode(await (await client.PostJsonAsync("/api/v1/quickbooks/items", new
        {
            costCodeIds = new[] { code }, names = new Dictionary<string, string> { [code.ToString()] = "Another Name" },
        })).ReadJsonAsync(), code);

        Assert.Equal(JsonValueKind.Null, second.GetProperty("created").ValueKind);
        Assert.Contains("Already mapped", second.GetProperty("reason").GetString());
        Assert.Equal(count, (await QboItemsAsync(qbo)).Count);
        Assert.Equal(1, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task Create_QuickBooksFault_BecomesThatCostCodesReason()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var metals = await CostCodeAsync(client, "05 00 00", "Metals");
        var wood = await CostCodeAsync(client, "06 00 00", "Wood");
        // The list is cached now; the bookkeeper then adds an item of the same name, which the cache does not know.
        await client.PostJsonAsync("/api/v1/quickbooks/items/preview", new { costCodeIds = new[] { metals } });
        await qbo.CreateAsync(new QboItem { Name = "05 00 00 METALS", Type = "Service", IncomeAccountRef = new QboRef("6"), ExpenseAccountRef = new QboRef("10") });

        var response = await client.PostJsonAsync("/api/v1/quickbooks/items", new { costCodeIds = new[] { metals, wood } });
        var results = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = ByCostCode(results, metals);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("created").ValueKind);
        Assert.Contains("6240", refused.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Object, ByCostCode(results, wood).GetProperty("created").ValueKind);
        Assert.Equal([wood], await app.WithDbAsync(owner, db => db.QboLinks.Select(l => l.LocalId).ToListAsync()));
    }

    [Fact]
    public async Task Create_WhenQuickBooksAnswerIsLost_RetriesWithTheSameRequestId_AndMakesOneItem()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var code = await CostCodeAsync(client, "11 00 00", "Equipment");
        var inject = await app.CreateEmulatorAdminClient().PutAsync($"/qbo/admin/api/faults/{realm}",
            new StringContent("""{"dropResponseNext":1}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(inject.IsSuccessStatusCode);

        var result = ByCostCode(await (await client.PostJsonAsync("/api/v1/quickbooks/items", new { costCodeIds = new[] { code } })).ReadJsonAsync(), code);

        // QuickBooks committed the first attempt; the retry's requestid replays it instead of creating a second item.
        var created = result.GetProperty("created").GetProperty("qboItemId").GetString();
        Assert.Equal(created, Assert.Single(await QboItemsAsync(qbo), i => i.Name == "11 00 00 Equipment").Id);
        Assert.Equal(created, (await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().SingleAsync())).QboId);
    }

    [Fact]
    public async Task Create_BadRequests_AreProblemsAndCreateNothing()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, client) = await OwnerAsync(realm);
        var code = await CostCodeAsync(client, "08 00 00", "Openings");
        var count = (await QboItemsAsync(qbo)).Count;
        const string url = "/api/v1/quickbooks/items";

        await (await client.PostJsonAsync(url, new { costCodeIds = Array.Empty<long>() })).AssertInvalidAsync("costCodeIds");
        await (await client.PostJsonAsync(url, new { })).AssertInvalidAsync("costCodeIds");
        await (await client.PostJsonAsync(url, new { costCodeIds = Enumerable.Range(1, 101).Select(i => (long)i) })).AssertInvalidAsync("costCodeIds");
        await (await client.PostJsonAsync("/api/v1/quickbooks/items/preview", new { costCodeIds = Enumerable.Range(1, 101).Select(i => (long)i) })).AssertInvalidAsync("costCodeIds");
        await (await client.PostJsonAsync(url, new { costCodeIds = new[] { code }, type = "Inventory" })).AssertInvalidAsync("type");
        await (await client.PostJsonAsync(url, new { costCodeIds = new[] { code }, incomeAccountId = "999" })).AssertInvalidAsync("incomeAccountId");
        await (await client.PostJsonAsync(url, new { costCodeIds = new[] { code }, incomeAccountId = "10" })).AssertInvalidAsync("incomeAccountId"); // an expense account
        await (await client.PostJsonAsync(url, new { costCodeIds = new[] { code }, expenseAccountId = "1" })).AssertInvalidAsync("expenseAccountId"); // a bank
        await (await client.PostJsonAsync(url, new { costCodeIds = new[] { code }, names = new Dictionary<string, string> { ["12345"] = "X" } })).AssertInvalidAsync("names");
        await (await client.PostJsonAsync(url, new { costCodeIds = new[] { code }, names = new Dictionary<string, string> { [code.ToString()] = new string('x', 501) } })).AssertInvalidAsync($"names.{code}");
        var malformed = await client.PostAsync(url, new StringContent("{\"costCodeIds\": [1,", System.Text.Encoding.UTF8, "application/json"));
        await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(count, (await QboItemsAsync(qbo)).Count);
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task Create_IsForOwnersAndAdmins_PreviewForAccountantsToo_AndCostCodesStayInTheirOrganization()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, client) = await OwnerAsync(realm);
        var code = await CostCodeAsync(client, "09 00 00", "Finishes");
        var accountant = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));
        var member = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));
        var body = new { costCodeIds = new[] { code } };

        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostJsonAsync("/api/v1/quickbooks/items", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await accountant.PostJsonAsync("/api/v1/quickbooks/items/preview", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostJsonAsync("/api/v1/quickbooks/items/preview", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostJsonAsync("/api/v1/quickbooks/items", body)).StatusCode);

        // Another organization connected to the same company cannot reach this organization's cost code.
        var (other, otherClient) = await OwnerAsync(realm);
        var result = ByCostCode(await (await otherClient.PostJsonAsync("/api/v1/quickbooks/items", body)).ReadJsonAsync(), code);
        Assert.Equal(JsonValueKind.Null, result.GetProperty("created").ValueKind);
        Assert.Contains("not found", result.GetProperty("reason").GetString());
        Assert.Equal(0, await app.WithDbAsync(other, db => db.QboLinks.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task Create_WithoutAConnection_IsNotFound()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var client = await app.ApiClientAsync(user);
        var code = await CostCodeAsync(client, "10 00 00", "Specialties");
        await (await client.PostJsonAsync("/api/v1/quickbooks/items", new { costCodeIds = new[] { code } })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Short", 100, "Short")]
    [InlineData("Alpha Beta Gamma", 12, "Alpha Beta")]
    [InlineData("Alpha Beta Gamma", 10, "Alpha Beta")]
    [InlineData("Abcdefghijklmnop", 10, "Abcdefghij")]
    public void Fit_CutsAtAWordBoundary(string name, int max, string expected) =>
        Assert.Equal(expected, Groundwork.Web.Features.QuickBooks.Items.ItemNameRule.Fit(name, max));

    [Fact]
    public void Rule_SuffixedNameStaysWithinTheLimit()
    {
        var full = new string('a', 60) + " " + new string('b', 39);
        var rule = new Groundwork.Web.Features.QuickBooks.Items.ItemNameRule([(NameMatch.Key(full), full, true)]);
        var check = rule.Check(full);
        Assert.False(check.Ok);
        Assert.True(check.SuggestedName.Length <= QboNameLimits.ListName, check.SuggestedName);
        Assert.EndsWith(" (2)", check.SuggestedName);
    }
}
