using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Features.QuickBooks.Layout;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Import;

/// <summary>
/// Import from QuickBooks against the emulator's "builder" company: six active customers, an inactive one ("Old Oak
/// Builders"), a sub-customer "0969 Ocean View Road", three active vendors and an inactive one ("Mahoney Mugs").
/// </summary>
[Trait("Category", "Database")]
public sealed class ImportFromQuickBooksTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string Url = "/api/v1/quickbooks/import";
    private const string PageUrl = "/Settings/Integrations/QuickBooks/Import";
    private const string SubCustomer = "0969 Ocean View Road";

    private static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();
    private static IEnumerable<JsonElement> Results(JsonElement result) => result.GetProperty("results").EnumerateArray();
    private static JsonElement Named(IEnumerable<JsonElement> rows, string name) => rows.Single(r => r.GetProperty("name").GetString() == name);

    private async Task<(TestUser Owner, HttpClient Api, HttpClient Browser, string Realm)> FreshAsync()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        return (owner, await app.BearerClientAsync(owner), browser, realm);
    }

    private static async Task<JsonElement> ListAsync(HttpClient api, string kind, string extra = "")
    {
        var response = await api.GetAsync($"{Url}?kind={kind}&pageSize=200{extra}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static async Task<JsonElement> ImportAsync(HttpClient api, object body)
    {
        var response = await api.PostJsonAsync(Url, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST import → {(int)response.StatusCode}: {json}");
        return json;
    }

    [Fact]
    public async Task Customers_WithASubCustomer_ImportAsCustomerAndLocation_ParentFirstInTheSameRun()
    {
        var (owner, api, _, _) = await FreshAsync();
        var list = await ListAsync(api, "customer");
        Assert.Equal("LocationAsSubCustomer", list.GetProperty("layout").GetString());
        var sub = Named(Items(list), SubCustomer);
        Assert.Equal("location", sub.GetProperty("becomes").GetString());
        Assert.True(sub.GetProperty("importable").GetBoolean());
        var parentId = sub.GetProperty("parentQboId").GetString()!;
        var parentName = sub.GetProperty("parentName").GetString()!;
        Assert.Contains(parentName, sub.GetProperty("reason").GetString());

        // The sub-customer first on purpose: the run imports its parent before it.
        var result = await ImportAsync(api, new { kind = "customer", qboIds = new[] { sub.GetProperty("qboId").GetString(), parentId } });

        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("skipped").GetInt32());
        var batch = result.GetProperty("batchId").GetString();
        var links = await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().OrderBy(l => l.Kind).ToListAsync());
        Assert.Equal([LinkedKind.Customer, LinkedKind.Location], links.Select(l => l.Kind));
        Assert.All(links, l => Assert.Equal(QboLinkSource.Imported, l.Source));
        Assert.All(links, l => Assert.Equal(batch, l.BatchId));
        Assert.Equal("Customer:" + parentId, links[0].QboIdentity);
        var customer = await app.WithDbAsync(owner, db => db.Customers.AsNoTracking().Include(c => c.Locations).SingleAsync());
        Assert.Equal(parentName, customer.Name);
        Assert.Equal(links[0].LocalId, customer.Id);
        Assert.Equal(SubCustomer, Assert.Single(customer.Locations).Name);
        Assert.Equal(links[1].LocalId, customer.Locations[0].Id);

        var after = await ListAsync(api, "customer");
        Assert.DoesNotContain(Items(after), i => i.GetProperty("name").GetString() == SubCustomer || i.GetProperty("qboId").GetString() == parentId);
        Assert.Equal(list.GetProperty("total").GetInt32() - 2, after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SubCustomer_WithoutItsParent_IsSkippedWithTheReason_AndImportsOnceTheParentIs()
    {
        var (owner, api, _, _) = await FreshAsync();
        var sub = Named(Items(await ListAsync(api, "customer")), SubCustomer);

        var alone = await ImportAsync(api, new { kind = "customer", qboIds = new[] { sub.GetProperty("qboId").GetString() } });
        var skipped = Assert.Single(Results(alone));
        Assert.Equal("skipped", skipped.GetProperty("outcome").GetString());
        Assert.Contains("import it first or in the same run", skipped.GetProperty("reason").GetString());
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.Locations.CountAsync()));

        await ImportAsync(api, new { kind = "customer", qboIds = new[] { sub.GetProperty("parentQboId").GetString() } });
        var then = await ImportAsync(api, new { kind = "customer", qboIds = new[] { sub.GetProperty("qboId").GetString() } });
        Assert.Equal(1, then.GetProperty("created").GetInt32());
        Assert.Equal(1, await app.WithDbAsync(owner, db => db.Locations.CountAsync()));
    }

    [Fact]
    public async Task Vendors_ImportWithTheirDetails_InactiveOnesSkipped_AndAreNotOfferedAgain()
    {
        var (owner, api, _, realm) = await FreshAsync();
        var qbo = await app.QuickBooksAsync(realm);
        await qbo.CreateAsync(new QboVendor
        {
            DisplayName = "Granite Depot", CompanyName = "Granite Depot LLC", GivenName = "Rosa", FamilyName = "Diaz",
            PrimaryEmailAddr = new QboEmailAddress { Address = "orders@granite.example" }, PrimaryPhone = new QboTelephoneNumber { FreeFormNumber = "(555) 010-2000" },
            BillAddr = new QboPhysicalAddress { Line1 = "12 Quarry Lane", City = "Fresno", CountrySubDivisionCode = "CA", PostalCode = "93650" },
        });
        var list = await ListAsync(api, "vendor", "&refresh=true");
        var inactive = Named(Items(list), "Mahoney Mugs");
        Assert.False(inactive.GetProperty("active").GetBoolean());
        Assert.False(inactive.GetProperty("importable").GetBoolean());

        var result = await ImportAsync(api, new { kind = "vendor", all = true });

        Assert.Equal(4, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("skipped").GetInt32());
        Assert.Contains("Inactive", Named(Results(result), "Mahoney Mugs").GetProperty("reason").GetString());
        var granite = await app.WithDbAsync(owner, db => db.Vendors.AsNoTracking().SingleAsync(v => v.Name == "Granite Depot"));
        Assert.Equal("orders@granite.example", granite.Email);
        Assert.Equal("(555) 010-2000", granite.Phone);
        Assert.Equal("Rosa Diaz", granite.ContactName);
        Assert.Equal("12 Quarry Lane", granite.Address.Line1);
        Assert.Equal("CA", granite.Address.Region);
        Assert.Equal(4, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync(l => l.Kind == LinkedKind.Vendor && l.Source == QboLinkSource.Imported)));

        var after = await ListAsync(api, "vendor");
        Assert.Equal("Mahoney Mugs", Assert.Single(Items(after)).GetProperty("name").GetString());
        var again = await ImportAsync(api, new { kind = "vendor", qboIds = new[] { Named(Results(result), "Granite Depot").GetProperty("qboId").GetString() } });
        Assert.Contains("Already linked", Assert.Single(Results(again)).GetProperty("reason").GetString());
        Assert.Equal(4, await app.WithDbAsync(owner, db => db.Vendors.CountAsync()));
    }

    [Fact]
    public async Task ImportAll_Customers_CreatesEveryActiveOne_ThenTheSubCustomerAsALocation()
    {
        var (owner, api, _, _) = await FreshAsync();
        var result = await ImportAsync(api, new { kind = "customer", all = true });

        Assert.Equal(7, result.GetProperty("created").GetInt32()); // six customers and the sub-customer
        Assert.Equal(1, result.GetProperty("skipped").GetInt32()); // the inactive one
        Assert.Equal(6, await app.WithDbAsync(owner, db => db.Customers.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(owner, db => db.Locations.CountAsync(l => l.Name == SubCustomer)));
        Assert.Single((await app.WithDbAsync(owner, db => db.QboLinks.Select(l => l.BatchId).Distinct().ToListAsync())));
    }

    [Fact]
    public async Task InactiveCustomers_ComeInOnlyWhenAsked_AsInactive_WithoutTheDeletedEnding()
    {
        var (owner, api, _, _) = await FreshAsync();
        var inactive = Items(await ListAsync(api, "customer")).Single(i => !i.GetProperty("active").GetBoolean());
        Assert.Equal("Old Oak Builders", inactive.GetProperty("name").GetString());
        var id = inactive.GetProperty("qboId").GetString();

        var skipped = await ImportAsync(api, new { kind = "customer", qboIds = new[] { id } });
        Assert.Equal(0, skipped.GetProperty("created").GetInt32());

        var included = await ImportAsync(api, new { kind = "customer", qboIds = new[] { id }, includeInactive = true });
        Assert.Equal(1, included.GetProperty("created").GetInt32());
        var customer = await app.WithDbAsync(owner, db => db.Customers.AsNoTracking().SingleAsync());
        Assert.Equal("Old Oak Builders", customer.Name);
        Assert.False(customer.IsActive);
    }

    [Fact]
    public async Task SameNameInGroundwork_IsSuggestedForLinking_NotDuplicated()
    {
        var (owner, api, _, _) = await FreshAsync();
        var existing = await api.CreateAsync("/api/v1/customers", new { name = "  cool   CARS " });

        var cool = Named(Items(await ListAsync(api, "customer")), "Cool Cars");
        Assert.False(cool.GetProperty("importable").GetBoolean());
        Assert.Equal(existing.Id(), cool.GetProperty("sameNameId").GetInt64());

        var result = await ImportAsync(api, new { kind = "customer", qboIds = new[] { cool.GetProperty("qboId").GetString() } });
        var row = Assert.Single(Results(result));
        Assert.Equal("skipped", row.GetProperty("outcome").GetString());
        Assert.Contains("link it instead", row.GetProperty("reason").GetString());
        Assert.Equal(existing.Id(), row.GetProperty("sameNameId").GetInt64());
        Assert.Equal(1, await app.WithDbAsync(owner, db => db.Customers.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task ANameGroundworkRefuses_IsSkippedWithTheReason_AndLeavesNothingBehind()
    {
        var (owner, api, _, realm) = await FreshAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var longName = new string('L', 150);
        var created = await qbo.CreateAsync(new QboCustomer { DisplayName = longName });
        await ListAsync(api, "customer", "&refresh=true");

        var result = await ImportAsync(api, new { kind = "customer", qboIds = new[] { created.Id } });

        var row = Assert.Single(Results(result));
        Assert.Equal("skipped", row.GetProperty("outcome").GetString());
        Assert.Contains("at most 100 characters", row.GetProperty("reason").GetString());
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.Customers.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task JobLayout_SubCustomersAreJobs_NotImported()
    {
        var (_, api, _, _) = await FreshAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PutJsonAsync("/api/v1/quickbooks/settings/layout", new { layout = "JobAsSubCustomer" })).StatusCode);
        var sub = Named(Items(await ListAsync(api, "customer")), SubCustomer);
        Assert.Equal("job", sub.GetProperty("becomes").GetString());
        Assert.False(sub.GetProperty("importable").GetBoolean());
    }

    [Theory]
    [InlineData("""{"kind":"employee","all":true}""", "kind")]
    [InlineData("""{"kind":"customer"}""", "qboIds")]
    [InlineData("""{"kind":"customer","all":true,"qboIds":["1"]}""", "qboIds")]
    [InlineData("""{"kind":"customer","qboIds":[" "]}""", "qboIds")]
    [InlineData("""{"kind":"customer","qboIds":[null]}""", "qboIds")]
    public async Task Import_BadRequests_Answer400Problems(string body, string field)
    {
        var (owner, api, _, _) = await FreshAsync();
        var response = await api.PostAsync(Url, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertInvalidAsync(field);
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.Customers.CountAsync()));
    }

    [Fact]
    public async Task Import_Bounds_TooManyIdsUnknownIdsBadKindLongSearch()
    {
        var (_, api, _, _) = await FreshAsync();
        await (await api.PostJsonAsync(Url, new { kind = "customer", qboIds = Enumerable.Range(1, 1001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)) })).AssertInvalidAsync("qboIds");
        await (await api.PostAsync(Url, new StringContent("{\"kind\": 5", System.Text.Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await api.GetAsync(Url + "?kind=employee")).AssertInvalidAsync("kind");
        await (await api.GetAsync(Url + "?q=" + new string('x', 201))).AssertInvalidAsync("q");
        var page = await (await api.GetAsync(Url + "?kind=customer&pageSize=100000&page=-3")).ReadJsonAsync();
        Assert.Equal(200, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("page").GetInt32());

        var unknown = await ImportAsync(api, new { kind = "customer", qboIds = new[] { "999999" } });
        Assert.Contains("Not in the QuickBooks list", Assert.Single(Results(unknown)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Import_WithoutAConnection_Answers404Problem()
    {
        var api = await app.BearerClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));
        await (await api.GetAsync(Url)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await api.PostJsonAsync(Url, new { kind = "vendor", all = true })).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Import_AccountantsRead_MembersAreRefused_OnlyOwnersAndAdminsImport()
    {
        var (owner, _, _, _) = await FreshAsync();
        var accountantUser = await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId);
        var memberUser = await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId);
        var adminUser = await app.CreateUserAsync(OrganizationRole.Admin, owner.OrganizationId);
        var accountant = await app.BearerClientAsync(accountantUser);

        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(Url + "?kind=vendor")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostJsonAsync(Url, new { kind = "vendor", all = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.BearerClientAsync(memberUser)).GetAsync(Url)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.Vendors.CountAsync()));

        var accountantPage = await (await app.BrowserClientAsync(accountantUser)).GetPageAsync(PageUrl + "?kind=vendor");
        Assert.NotNull(accountantPage.QuerySelector("#import-read-only"));
        Assert.Null(accountantPage.QuerySelector("#import-selected"));
        Assert.All(accountantPage.QuerySelectorAll("input[type=checkbox]"), c => Assert.True(c.HasAttribute("disabled")));
        QboApiClients.AssertDenied(await (await app.BrowserClientAsync(accountantUser)).PostFormAsync(PageUrl + "?handler=All", new() { ["kind"] = "vendor" }, PageUrl));
        QboApiClients.AssertDenied(await (await app.BrowserClientAsync(memberUser)).GetAsync(PageUrl));
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.Vendors.CountAsync()));

        var admin = await ImportAsync(await app.BearerClientAsync(adminUser), new { kind = "vendor", all = true });
        Assert.Equal(3, admin.GetProperty("created").GetInt32());
    }

    [Fact]
    public async Task Import_IsPerOrganization()
    {
        var (owner, api, _, _) = await FreshAsync();
        var (other, otherBrowser) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var otherApi = await app.BearerClientAsync(other);
        var before = (await ListAsync(otherApi, "vendor")).GetProperty("total").GetInt32();

        await ImportAsync(api, new { kind = "vendor", all = true });

        Assert.Equal(before, (await ListAsync(otherApi, "vendor")).GetProperty("total").GetInt32());
        Assert.Equal(0, await app.WithDbAsync(other, db => db.Vendors.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(other, db => db.QboLinks.CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(owner, db => db.Vendors.CountAsync()));
        Assert.NotNull(otherBrowser);
    }

    [Fact]
    public async Task ImportPage_ListsCheckboxes_ImportsTheSelected_AndShowsTheResult()
    {
        var (owner, api, browser, _) = await FreshAsync();
        var vendors = Items(await ListAsync(api, "vendor")).Where(v => v.GetProperty("importable").GetBoolean()).ToList();
        var chosen = vendors[0].GetProperty("qboId").GetString()!;

        var page = await browser.GetPageAsync(PageUrl + "?kind=vendor");
        Assert.NotNull(page.QuerySelector($"#import-{chosen}"));
        Assert.NotNull(page.QuerySelector("#import-selected"));
        Assert.NotNull(page.QuerySelector("#import-all"));
        Assert.NotNull(page.QuerySelector("#qbo-nav-import[aria-current=page]"));

        var posted = await browser.PostFormAsync(PageUrl + "?handler=Selected", new() { ["kind"] = "vendor", ["qboIds"] = chosen }, PageUrl + "?kind=vendor");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var shown = await posted.ParseAsync();
        Assert.Contains("Imported 1", shown.QuerySelector("#import-result")!.TextContent);
        Assert.Null(shown.QuerySelector($"#import-{chosen}"));
        Assert.Equal(1, await app.WithDbAsync(owner, db => db.Vendors.CountAsync()));
    }
    [Fact]
    public async Task TwoImportsAtOnce_CreateEachRecordOnce()
    {
        var (owner, api, _, _) = await FreshAsync();
        var second = await app.BearerClientAsync(owner);
        await ListAsync(api, "vendor");

        var answers = await Task.WhenAll(api.PostJsonAsync(Url, new { kind = "vendor", all = true }), second.PostJsonAsync(Url, new { kind = "vendor", all = true }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var created = 0;
        foreach (var a in answers) created += (await a.ReadJsonAsync()).GetProperty("created").GetInt32();
        Assert.Equal(3, created);
        Assert.Equal(3, await app.WithDbAsync(owner, db => db.Vendors.CountAsync()));
        Assert.Equal(3, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }
}
