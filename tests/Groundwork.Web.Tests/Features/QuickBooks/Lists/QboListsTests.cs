using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Lists;

/// <summary>Reads lists of two rows per page, so every list of the seeded companies spans several pages.</summary>
public sealed class SmallPagesQboAppFactory : QboAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("QuickBooks:Limits:ListPageSize", "2");
    }
}

/// <summary>QBO's name lists read through the gateway, page by page, kept until refreshed.</summary>
[Trait("Category", "Database")]
public sealed class QboListsTests(SmallPagesQboAppFactory app) : IClassFixture<SmallPagesQboAppFactory>
{
    private static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    [Fact]
    public async Task Items_AreReadAcrossEveryPage_InactiveOnesIncludedAndMarked()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var concrete = (await qbo.Client.QueryAsync<QboItem>(qbo.Company, Groundwork.QuickBooks.QboQuery.From("Item").WhereEquals("Name", "Concrete"), default)).Items.Single();
        await qbo.DeactivateAsync(concrete);
        var (_, client) = await app.ConnectedOwnerAsync(realm);

        var page = await (await client.GetAsync("/api/v1/quickbooks/items?pageSize=50")).ReadJsonAsync();

        // Six seeded items at two per page: three full pages and an empty one.
        Assert.Equal(6, page.GetProperty("total").GetInt32());
        var inactive = Assert.Single(Items(page), i => !i.GetProperty("active").GetBoolean());
        Assert.Equal(concrete.Id, inactive.GetProperty("id").GetString());
        Assert.StartsWith("Concrete", inactive.GetProperty("name").GetString());
        Assert.False(Items(page).Last().GetProperty("active").GetBoolean()); // active ones first
        Assert.Equal("Service", Items(page).Single(i => i.GetProperty("name").GetString() == "Labor").GetProperty("type").GetString());

        var activeOnly = await (await client.GetAsync("/api/v1/quickbooks/items?includeInactive=false")).ReadJsonAsync();
        Assert.Equal(5, activeOnly.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SeveralRefreshesOfOneList_AtOnce_AllAnswer_AndLeaveOneRowPerRecord()
    {
        var realm = await app.NewCompanyAsync();
        var (_, client) = await app.ConnectedOwnerAsync(realm);

        // The first read of a list and refreshes racing it (two screens opened together, a push preparing its lists):
        // whichever saves second must not fail on the rows the first one inserted.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            client.GetAsync($"/api/v1/quickbooks/items?pageSize=50&refresh={(i % 2 == 0 ? "true" : "false")}")));

        foreach (var response in responses) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await (await client.GetAsync("/api/v1/quickbooks/items?pageSize=50")).ReadJsonAsync();
        Assert.Equal(6, page.GetProperty("total").GetInt32());
        Assert.Equal(6, Items(page).Select(i => i.GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Items_AreKeptUntilRefreshed_ThenShowWhatQuickBooksHasNow()
    {
        var realm = await app.NewCompanyAsync();
        var (_, client) = await app.ConnectedOwnerAsync(realm);
        var first = await (await client.GetAsync("/api/v1/quickbooks/items")).ReadJsonAsync();
        var qbo = await app.QuickBooksAsync(realm);
        await qbo.CreateAsync(new QboItem { Name = "Rough Carpentry", Type = "Service", IncomeAccountRef = new QboRef("6"), ExpenseAccountRef = new QboRef("10") });

        var cached = await (await client.GetAsync("/api/v1/quickbooks/items")).ReadJsonAsync();
        Assert.Equal(first.GetProperty("total").GetInt32(), cached.GetProperty("total").GetInt32());
        Assert.Equal(first.GetProperty("refreshedAtUtc").GetDateTime(), cached.GetProperty("refreshedAtUtc").GetDateTime());

        var refreshed = await (await client.GetAsync("/api/v1/quickbooks/items?refresh=true")).ReadJsonAsync();
        Assert.Equal(first.GetProperty("total").GetInt32() + 1, refreshed.GetProperty("total").GetInt32());
        Assert.Contains(Items(refreshed), i => i.GetProperty("name").GetString() == "Rough Carpentry");
    }

    [Fact]
    public async Task Search_IgnoresCaseAndRepeatedSpaces_AndPages()
    {
        var (_, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);

        var found = await (await client.GetAsync("/api/v1/quickbooks/items?q=" + Uri.EscapeDataString("  equipment   RENTAL "))).ReadJsonAsync();
        Assert.Equal("Equipment Rental", Assert.Single(Items(found)).GetProperty("name").GetString());

        var second = await (await client.GetAsync("/api/v1/quickbooks/classes?page=2&pageSize=2")).ReadJsonAsync();
        Assert.Equal(5, second.GetProperty("total").GetInt32());
        Assert.Equal(2, Items(second).Count());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
    }

    [Fact]
    public async Task Accounts_CarryTheirTypeAndClassification()
    {
        var (_, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var page = await (await client.GetAsync("/api/v1/quickbooks/accounts?q=services")).ReadJsonAsync();
        var services = Assert.Single(Items(page));
        Assert.Equal("Income", services.GetProperty("type").GetString());
        Assert.Equal("Revenue", services.GetProperty("classification").GetString());
    }

    [Fact]
    public async Task Lists_WithoutAConnection_AnswerNotFoundWithAProblem()
    {
        var user = await app.CreateUserAsync(Groundwork.Web.Features.Organizations.OrganizationRole.Owner);
        var client = await app.BrowserClientAsync(user);
        var response = await client.GetAsync("/api/v1/quickbooks/items");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Lists_AreForAccountantsAndUp()
    {
        var (owner, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(Groundwork.Web.Features.Organizations.OrganizationRole.Accountant, owner.OrganizationId));
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(Groundwork.Web.Features.Organizations.OrganizationRole.Member, owner.OrganizationId));

        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync("/api/v1/quickbooks/classes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/quickbooks/classes")).StatusCode);
    }

    [Fact]
    public async Task CachedLists_BelongToTheOrganization_AndGoWithRemoveIntegration()
    {
        var (owner, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var (other, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        await client.GetAsync("/api/v1/quickbooks/items");
        await client.GetAsync("/api/v1/quickbooks/classes");
        Assert.Equal(6 + 5, await app.WithDbAsync(owner, db => db.Set<QboListEntry>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(other, db => db.Set<QboListEntry>().CountAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Settings/Integrations?handler=Remove", [], "/Settings/Integrations")).StatusCode);

        Assert.Equal(0, await app.WithDbAsync(owner, db => db.Set<QboListEntry>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.Set<QboListRefresh>().CountAsync()));
    }
}
