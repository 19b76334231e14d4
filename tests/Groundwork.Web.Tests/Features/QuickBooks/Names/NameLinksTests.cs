using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Names;

/// <summary>Match and link customers, locations and vendors against a seeded emulator company, over HTTP.</summary>
[Trait("Category", "Database")]
public sealed class NameLinksTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private sealed record Setup(TestUser Owner, HttpClient Api, QuickBooksSide Qbo);

    private async Task<Setup> SetupAsync()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, _) = await app.ConnectedOwnerAsync(realm);
        return new Setup(owner, await app.ApiClientAsync(owner), await app.QuickBooksAsync(realm));
    }

    private static async Task<JsonElement> RowsAsync(HttpClient api, string kind, string query = "")
    {
        var response = await api.GetAsync($"/api/v1/quickbooks/links?kind={kind}&pageSize=200{query}");
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {json}");
        return json;
    }

    private static async Task<JsonElement> RowAsync(HttpClient api, string kind, long id) =>
        Assert.Single((await RowsAsync(api, kind)).GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);

    private static IEnumerable<JsonElement> Candidates(JsonElement row, string match) =>
        row.GetProperty("candidates").EnumerateArray().Where(c => c.GetProperty("match").GetString() == match);

    private static async Task<string> QboIdAsync(QuickBooksSide qbo, string entity, string field, string name)
    {
        var query = QboQuery.From(entity).IncludeInactive().WhereEquals(field, name);
        return entity switch
        {
            "Vendor" => (await qbo.Client.QueryAsync<QboVendor>(qbo.Company, query, default)).Items.Single().Id!,
            _ => (await qbo.Client.QueryAsync<QboCustomer>(qbo.Company, query, default)).Items.Single().Id!,
        };
    }

    [Fact]
    public async Task Customers_ShowExactThenNearCandidates_InactiveOnesMarked_AndTheirAction()
    {
        var s = await SetupAsync();
        var exact = (await s.Api.CreateAsync("/api/v1/customers", new { name = "cool   CARS" })).Id();
        var near = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Freeman Sporting Good" })).Id();
        var inactive = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Old Oak Builders" })).Id();
        var fresh = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Brand New Client" })).Id();

        var exactRow = await RowAsync(s.Api, "customer", exact);
        var match = Assert.Single(Candidates(exactRow, "exact"));
        Assert.Equal("Cool Cars", match.GetProperty("name").GetString());
        Assert.Equal(1, match.GetProperty("score").GetDouble());
        Assert.Equal("link", exactRow.GetProperty("action").GetString());

        var nearRow = await RowAsync(s.Api, "customer", near);
        Assert.Empty(Candidates(nearRow, "exact"));
        var suggestion = Candidates(nearRow, "near").First();
        Assert.Equal("Freeman Sporting Goods", suggestion.GetProperty("name").GetString());
        Assert.InRange(suggestion.GetProperty("score").GetDouble(), 0.6, 0.99);
        Assert.Equal("createOnFirstPush", nearRow.GetProperty("action").GetString());

        var inactiveRow = await RowAsync(s.Api, "customer", inactive);
        var old = Assert.Single(Candidates(inactiveRow, "exact"));
        Assert.False(old.GetProperty("active").GetBoolean());
        Assert.StartsWith("Old Oak Builders", old.GetProperty("name").GetString());
        Assert.Equal("reactivate", inactiveRow.GetProperty("action").GetString());

        var freshRow = await RowAsync(s.Api, "customer", fresh);
        Assert.Empty(Candidates(freshRow, "exact"));
        Assert.Equal("createOnFirstPush", freshRow.GetProperty("action").GetString());
        // A sub-customer is never offered to a customer.
        Assert.DoesNotContain((await RowsAsync(s.Api, "customer")).GetProperty("items").EnumerateArray().SelectMany(r => r.GetProperty("candidates").EnumerateArray()),
            c => c.GetProperty("parentId").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task NameSpace_VendorClashingWithCustomerOrEmployee_AndCustomerWithVendor_ShowTheSuffixFix_ThenRenameClearsIt()
    {
        var s = await SetupAsync();
        var vendor = (await s.Api.CreateAsync("/api/v1/vendors", new { name = "Cool Cars" })).Id();
        var employee = (await s.Api.CreateAsync("/api/v1/vendors", new { name = "emily platt" })).Id();
        var customer = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Hicks Hardware" })).Id();

        var row = await RowAsync(s.Api, "vendor", vendor);
        Assert.Equal("rename", row.GetProperty("action").GetString());
        var clash = Assert.Single(row.GetProperty("problems").EnumerateArray());
        Assert.Equal("nameClash", clash.GetProperty("code").GetString());
        Assert.Equal("Cool Cars (Vendor)", clash.GetProperty("suggestedName").GetString());
        Assert.Equal("Customer", Assert.Single(clash.GetProperty("clashes").EnumerateArray()).GetProperty("qboType").GetString());
        Assert.Empty(Candidates(row, "exact")); // a link across kinds is impossible

        var employeeRow = await RowAsync(s.Api, "vendor", employee);
        Assert.Equal("Employee", employeeRow.GetProperty("problems")[0].GetProperty("clashes")[0].GetProperty("qboType").GetString());
        var customerRow = await RowAsync(s.Api, "customer", customer);
        Assert.Equal("Hicks Hardware (Customer)", customerRow.GetProperty("problems")[0].GetProperty("suggestedName").GetString());

        var renamed = await s.Api.PostJsonAsync($"/api/v1/quickbooks/links/vendor/{vendor}/rename", new { name = "Cool Cars (Vendor)" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var after = await RowAsync(s.Api, "vendor", vendor);
        Assert.Equal("Cool Cars (Vendor)", after.GetProperty("name").GetString());
        Assert.Empty(after.GetProperty("problems").EnumerateArray());
        Assert.Equal("createOnFirstPush", after.GetProperty("action").GetString());
    }

    [Fact]
    public async Task ColonName_IsFlagged_AndRenamedThroughTheCustomersOwnRules()
    {
        var s = await SetupAsync();
        var id = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Smith: Kitchen", email = "smith@example.com" })).Id();
        await s.Api.CreateAsync("/api/v1/customers", new { name = "Taken Name" });

        var row = await RowAsync(s.Api, "customer", id);
        var colon = Assert.Single(row.GetProperty("problems").EnumerateArray());
        Assert.Equal("colon", colon.GetProperty("code").GetString());
        Assert.Equal("Smith - Kitchen", colon.GetProperty("suggestedName").GetString());
        Assert.Equal("rename", row.GetProperty("action").GetString());

        var url = $"/api/v1/quickbooks/links/customer/{id}/rename";
        await (await s.Api.PostJsonAsync(url, new { name = "Still: Colon" })).AssertInvalidAsync("name");
        // The customer's own save use case refuses what it always refuses: a duplicate, an empty name.
        await (await s.Api.PostJsonAsync(url, new { name = "Taken Name" })).AssertInvalidAsync("name");
        await (await s.Api.PostJsonAsync(url, new { name = "  " })).AssertInvalidAsync("name");
        await (await s.Api.PostJsonAsync("/api/v1/quickbooks/links/customer/999999/rename", new { name = "X" })).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await s.Api.PostJsonAsync(url, new { name = "Smith - Kitchen" })).StatusCode);
        var customer = await (await s.Api.GetAsync($"/api/v1/customers/{id}")).ReadJsonAsync();
        Assert.Equal("Smith - Kitchen", customer.GetProperty("name").GetString());
        Assert.Equal("smith@example.com", customer.GetProperty("email").GetString()); // only the name changed
        Assert.Empty((await RowAsync(s.Api, "customer", id)).GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Link_ThenUnlink_RefusesWrongKindUnknownIdSubCustomerAndInactiveWithoutConfirmation()
    {
        var s = await SetupAsync();
        var id = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Cool Cars" })).Id();
        var url = $"/api/v1/quickbooks/links/customer/{id}";
        var coolCars = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Cool Cars");

        var linked = await (await s.Api.PutJsonAsync(url, new { qboId = coolCars })).ReadJsonAsync();
        Assert.Equal(coolCars, linked.GetProperty("link").GetProperty("qboId").GetString());
        var row = await RowAsync(s.Api, "customer", id);
        Assert.Equal("linked", row.GetProperty("action").GetString());
        Assert.Equal("Manual", row.GetProperty("link").GetProperty("source").GetString());
        Assert.Equal("Cool Cars", row.GetProperty("link").GetProperty("qboName").GetString());

        var vendorId = await QboIdAsync(s.Qbo, "Vendor", "DisplayName", "Hicks Hardware");
        if (vendorId != coolCars)
        {
            await (await s.Api.PutJsonAsync(url, new { qboId = vendorId })).AssertInvalidAsync("qboId");
        }
        await (await s.Api.PutJsonAsync(url, new { qboId = "987654321" })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await s.Api.PutJsonAsync(url, new { qboId = new string('9', 65) })).AssertInvalidAsync("qboId");
        var sub = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "0969 Ocean View Road");
        await (await s.Api.PutJsonAsync(url, new { qboId = sub })).AssertInvalidAsync("qboId");
        await (await s.Api.PutJsonAsync("/api/v1/quickbooks/links/widget/" + id, new { qboId = coolCars })).AssertInvalidAsync("kind");
        await (await s.Api.PutJsonAsync("/api/v1/quickbooks/links/customer/999999", new { qboId = coolCars })).AssertProblemAsync(HttpStatusCode.NotFound);
        // A refused change leaves the link as it was.
        Assert.Equal(coolCars, (await RowAsync(s.Api, "customer", id)).GetProperty("link").GetProperty("qboId").GetString());

        var oldOak = (await s.Qbo.Client.QueryAsync<QboCustomer>(s.Qbo.Company, QboQuery.From("Customer").IncludeInactive().WhereEquals("Active", false), default))
            .Items.Single().Id!;
        var refused = await (await s.Api.PutJsonAsync(url, new { qboId = oldOak })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("inactive", refused.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var confirmed = await (await s.Api.PutJsonAsync(url, new { qboId = oldOak, confirmInactive = true })).ReadJsonAsync();
        Assert.Equal("Inactive", confirmed.GetProperty("link").GetProperty("state").GetString());
        Assert.Equal(coolCars, confirmed.GetProperty("previous").GetProperty("qboId").GetString());

        var unlinked = await s.Api.PutJsonAsync(url, new { qboId = (string?)null });
        Assert.Equal(HttpStatusCode.OK, unlinked.StatusCode);
        var after = await RowAsync(s.Api, "customer", id);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("link").ValueKind);
        Assert.Equal("link", after.GetProperty("action").GetString());
    }

    [Fact]
    public async Task Link_ToAQuickBooksRecordAnotherCustomerHas_IsAConflict()
    {
        var s = await SetupAsync();
        var first = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Cool Cars" })).Id();
        var second = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Cool Cars Inc" })).Id();
        var coolCars = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Cool Cars");
        Assert.Equal(HttpStatusCode.OK, (await s.Api.PutJsonAsync($"/api/v1/quickbooks/links/customer/{first}", new { qboId = coolCars })).StatusCode);

        await (await s.Api.PutJsonAsync($"/api/v1/quickbooks/links/customer/{second}", new { qboId = coolCars })).AssertProblemAsync(HttpStatusCode.Conflict);

        var near = Candidates(await RowAsync(s.Api, "customer", second), "near").Single(c => c.GetProperty("qboId").GetString() == coolCars);
        Assert.Equal(first, near.GetProperty("linkedToId").GetInt64());
        Assert.Equal(JsonValueKind.Null, (await RowAsync(s.Api, "customer", second)).GetProperty("link").ValueKind);
    }

    [Fact]
    public async Task LinkExact_LinksCustomersThenTheirLocations_SkipsAmbiguousInactiveAndUnlinkedParents_WritesNothingToQuickBooks()
    {
        var s = await SetupAsync();
        await s.Qbo.CreateAsync(new QboCustomer { DisplayName = "Twin Peaks" });
        await s.Qbo.CreateAsync(new QboCustomer { DisplayName = "Twin  Peaks" });
        var freeman = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Freeman Sporting Goods" })).Id();
        var ocean = (await s.Api.CreateAsync($"/api/v1/customers/{freeman}/locations", new { name = "0969 Ocean View Road" })).Id();
        var twin = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Twin Peaks" })).Id();
        var oldOak = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Old Oak Builders" })).Id();
        var hicks = (await s.Api.CreateAsync("/api/v1/vendors", new { name = "HICKS hardware" })).Id();
        var before = await CustomersInQuickBooksAsync(s.Qbo);

        var response = await s.Api.PostAsync("/api/v1/quickbooks/links/link-exact", null);
        var result = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, result.ToString());

        var linked = result.GetProperty("linked").EnumerateArray().Select(l => (l.GetProperty("kind").GetString(), l.GetProperty("id").GetInt64())).ToList();
        Assert.Equal([("customer", freeman), ("location", ocean), ("vendor", hicks)], linked);
        var skipped = result.GetProperty("skipped").EnumerateArray().ToDictionary(k => k.GetProperty("id").GetInt64(), k => k.GetProperty("reason").GetString());
        Assert.Equal("ambiguous", skipped[twin]);
        Assert.Equal("inactive", skipped[oldOak]);
        Assert.Equal(2, result.GetProperty("skippedCount").GetInt32());

        var location = await RowAsync(s.Api, "location", ocean);
        Assert.Equal("Autofill", location.GetProperty("link").GetProperty("source").GetString());
        Assert.Equal(await QboIdAsync(s.Qbo, "Customer", "DisplayName", "0969 Ocean View Road"), location.GetProperty("link").GetProperty("qboId").GetString());
        Assert.Equal(before, await CustomersInQuickBooksAsync(s.Qbo));

        // A second run finds nothing new to link.
        var again = await (await s.Api.PostJsonAsync("/api/v1/quickbooks/links/link-exact", new { kind = "customer" })).ReadJsonAsync();
        Assert.Empty(again.GetProperty("linked").EnumerateArray());
        await (await s.Api.PostJsonAsync("/api/v1/quickbooks/links/link-exact", new { kind = "job" })).AssertInvalidAsync("kind");
    }

    [Fact]
    public async Task LinkExact_SkipsALocationWhoseCustomerIsNotLinked()
    {
        var s = await SetupAsync();
        var customer = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Someone Else" })).Id();
        var location = (await s.Api.CreateAsync($"/api/v1/customers/{customer}/locations", new { name = "0969 Ocean View Road" })).Id();

        var result = await (await s.Api.PostJsonAsync("/api/v1/quickbooks/links/link-exact", new { kind = "location" })).ReadJsonAsync();

        Assert.Empty(result.GetProperty("linked").EnumerateArray());
        var skip = Assert.Single(result.GetProperty("skipped").EnumerateArray());
        Assert.Equal(location, skip.GetProperty("id").GetInt64());
        Assert.Equal("customerNotLinked", skip.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Relink_OfACustomerWhoseInvoiceSynced_SaysWhichDocumentsUsedTheOldLink()
    {
        var s = await SetupAsync();
        var (jobId, _, customerId) = await s.Api.CreateJobAsync();
        var invoice = await s.Api.CreateInvoiceAsync(jobId, 100m);
        var url = $"/api/v1/quickbooks/links/customer/{customerId}";
        var first = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Cool Cars");
        var second = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Weiskopf Consulting");
        var fresh = await (await s.Api.PutJsonAsync(url, new { qboId = first })).ReadJsonAsync();
        Assert.Equal(0, fresh.GetProperty("syncedDocumentCount").GetInt32());
        await app.WithDbAsync(s.Owner, async db =>
        {
            var link = new QboLink { ConnectionId = (await db.QboConnections.SingleAsync()).Id, Kind = LinkedKind.Invoice, LocalId = invoice.Id() };
            link.PointAt("Invoice", "9001", "1001");
            db.Add(link);
            return await db.SaveChangesAsync();
        });

        var relinked = await (await s.Api.PutJsonAsync(url, new { qboId = second })).ReadJsonAsync();

        Assert.Equal(1, relinked.GetProperty("syncedDocumentCount").GetInt32());
        Assert.Equal(invoice.Id(), relinked.GetProperty("syncedDocuments")[0].GetProperty("documentId").GetInt64());
        Assert.Equal(first, relinked.GetProperty("previous").GetProperty("qboId").GetString());
        Assert.Contains("does not rewrite", relinked.GetProperty("message").GetString(), StringComparison.Ordinal);
        var unlinked = await (await s.Api.PutJsonAsync(url, new { qboId = (string?)null })).ReadJsonAsync();
        Assert.Equal(1, unlinked.GetProperty("syncedDocumentCount").GetInt32());
    }

    [Fact]
    public async Task Locations_LinkOnlyToSubCustomers_UnderTheirCustomersQuickBooksCustomer()
    {
        var s = await SetupAsync();
        var freeman = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Freeman Sporting Goods" })).Id();
        var ocean = (await s.Api.CreateAsync($"/api/v1/customers/{freeman}/locations", new { name = "0969 Ocean View Road" })).Id();
        var sub = await s.Qbo.CreateAsync(new QboCustomer { DisplayName = "Elsewhere Site", Job = true, ParentRef = new QboRef(await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Cool Cars")) });
        var url = $"/api/v1/quickbooks/links/location/{ocean}";
        await (await s.Api.PutJsonAsync(url, new { qboId = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Cool Cars") })).AssertInvalidAsync("qboId");
        Assert.Equal(HttpStatusCode.OK,
            (await s.Api.PutJsonAsync($"/api/v1/quickbooks/links/customer/{freeman}", new { qboId = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Freeman Sporting Goods") })).StatusCode);

        // The new sub-customer is not in the list as read: the link reads the list again, then refuses the wrong parent.
        await (await s.Api.PutJsonAsync(url, new { qboId = sub.Id })).AssertInvalidAsync("qboId");
        var row = await RowAsync(s.Api, "location", ocean);
        Assert.Equal("Freeman Sporting Goods", row.GetProperty("customerName").GetString());
        var exact = Assert.Single(Candidates(row, "exact"));
        Assert.Equal(HttpStatusCode.OK, (await s.Api.PutJsonAsync(url, new { qboId = exact.GetProperty("qboId").GetString() })).StatusCode);
        // A location named like a top-level QuickBooks customer could not be created as a sub-customer.
        var clashing = (await s.Api.CreateAsync($"/api/v1/customers/{freeman}/locations", new { name = "Cool Cars" })).Id();
        var clash = Assert.Single((await RowAsync(s.Api, "location", clashing)).GetProperty("problems").EnumerateArray());
        Assert.Equal("Customer", clash.GetProperty("clashes")[0].GetProperty("qboType").GetString());
        Assert.Equal("Cool Cars (Location)", clash.GetProperty("suggestedName").GetString());
        await (await s.Api.PutAsync(url, new StringContent("", System.Text.Encoding.UTF8, "application/json"))).AssertProblemAsync(HttpStatusCode.BadRequest);

        // With jobs as the sub-customers, locations are not linked at all.
        await app.WithDbAsync(s.Owner, async db =>
        {
            var connection = await db.QboConnections.SingleAsync();
            connection.CustomerLayout = QboCustomerLayout.JobAsSubCustomer;
            return await db.SaveChangesAsync();
        });
        await (await s.Api.GetAsync("/api/v1/quickbooks/links?kind=location")).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await s.Api.PutJsonAsync(url, new { qboId = (string?)null })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await s.Api.PostAsync("/api/v1/quickbooks/links/link-exact", null)).StatusCode);
    }

    /// <summary>Every QBO customer with its SyncToken: a write to any of them would change this.</summary>
    private static async Task<string> CustomersInQuickBooksAsync(QuickBooksSide qbo)
    {
        var customers = await qbo.Client.QueryAsync<QboCustomer>(qbo.Company, QboQuery.From("Customer").IncludeInactive().OrderBy("Id").MaxResults(1000), default);
        var vendors = await qbo.Client.QueryAsync<QboVendor>(qbo.Company, QboQuery.From("Vendor").IncludeInactive().OrderBy("Id").MaxResults(1000), default);
        return string.Join(';', customers.Items.Select(c => $"{c.Id}/{c.SyncToken}/{c.DisplayName}").Concat(vendors.Items.Select(v => $"{v.Id}/{v.SyncToken}/{v.DisplayName}")));
    }

    [Fact]
    public async Task Roles_AccountantReads_OnlyOwnerOrAdminChanges_MemberIsRefused()
    {
        var s = await SetupAsync();
        var id = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Cool Cars" })).Id();
        var accountant = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, s.Owner.OrganizationId));
        var member = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Member, s.Owner.OrganizationId));
        var admin = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Admin, s.Owner.OrganizationId));
        var coolCars = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Cool Cars");

        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync("/api/v1/quickbooks/links?kind=customer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/quickbooks/links?kind=customer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PutJsonAsync($"/api/v1/quickbooks/links/customer/{id}", new { qboId = coolCars })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostAsync("/api/v1/quickbooks/links/link-exact", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await accountant.PostJsonAsync($"/api/v1/quickbooks/links/customer/{id}/rename", new { name = "X" })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await RowAsync(s.Api, "customer", id)).GetProperty("link").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/v1/quickbooks/links/customer/{id}", new { qboId = coolCars })).StatusCode);
    }

    [Fact]
    public async Task Links_BelongToTheOrganization()
    {
        var s = await SetupAsync();
        var id = (await s.Api.CreateAsync("/api/v1/customers", new { name = "Cool Cars" })).Id();
        var coolCars = await QboIdAsync(s.Qbo, "Customer", "DisplayName", "Cool Cars");
        var (other, _) = await app.ConnectedOwnerAsync(s.Qbo.Company.RealmId);
        var otherApi = await app.ApiClientAsync(other);

        Assert.Equal(0, (await RowsAsync(otherApi, "customer")).GetProperty("total").GetInt32());
        await (await otherApi.PutJsonAsync($"/api/v1/quickbooks/links/customer/{id}", new { qboId = coolCars })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await otherApi.PostJsonAsync($"/api/v1/quickbooks/links/customer/{id}/rename", new { name = "Mine" })).AssertProblemAsync(HttpStatusCode.NotFound);

        // The same QBO company linked by two organizations: each has its own links.
        var mine = (await otherApi.CreateAsync("/api/v1/customers", new { name = "Cool Cars" })).Id();
        Assert.Equal(HttpStatusCode.OK, (await s.Api.PutJsonAsync($"/api/v1/quickbooks/links/customer/{id}", new { qboId = coolCars })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherApi.PutJsonAsync($"/api/v1/quickbooks/links/customer/{mine}", new { qboId = coolCars })).StatusCode);
    }

    [Fact]
    public async Task BadQueries_AnswerProblems()
    {
        var s = await SetupAsync();
        await (await s.Api.GetAsync("/api/v1/quickbooks/links")).AssertInvalidAsync("kind");
        await (await s.Api.GetAsync("/api/v1/quickbooks/links?kind=job")).AssertInvalidAsync("kind");
        await (await s.Api.GetAsync("/api/v1/quickbooks/links?kind=vendor&q=" + new string('x', 201))).AssertInvalidAsync("q");
        var clamped = await (await s.Api.GetAsync("/api/v1/quickbooks/links?kind=vendor&page=-5&pageSize=100000")).ReadJsonAsync();
        Assert.Equal(1, clamped.GetProperty("page").GetInt32());
        Assert.Equal(200, clamped.GetProperty("pageSize").GetInt32());

        var unconnected = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));
        await (await unconnected.GetAsync("/api/v1/quickbooks/links?kind=customer")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
