using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Items;

/// <summary>The Create missing items page: names shown with their problems and fixes, editable, created on submit.</summary>
[Trait("Category", "Database")]
public sealed class CreateItemsPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string PagePath = "/Settings/Integrations/QuickBooks/Products/Create";
    private const string Submit = "Create selected items in QuickBooks";

    private static async Task<long> CostCodeAsync(HttpClient api, string number, string name) =>
        (await api.CreateAsync("/api/v1/cost-codes", new { number, name })).Id();

    /// <summary>Pages answer a refused person with the access-denied page (APIs with 403).</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", response.Headers.Location?.AbsolutePath, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_ShowsFixedNames_CreatesTheSelectedItems_AndShowsEachResult()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var api = await app.ApiClientAsync(owner);
        var colon = await CostCodeAsync(api, "02 00 00", "Site: Work");
        var edited = await CostCodeAsync(api, "03 00 00", "Concrete");
        var untouched = await CostCodeAsync(api, "04 00 00", "Masonry");

        var page = await browser.GetPageAsync(PagePath);
        Assert.Equal("02 00 00 Site - Work", page.QuerySelector<IHtmlInputElement>($"#name-{colon}")!.Value);
        Assert.Contains("colon", page.QuerySelector($"#problem-{colon}")!.TextContent);
        Assert.Null(page.QuerySelector($"#problem-{edited}"));
        Assert.Equal("6", page.QuerySelector<IHtmlSelectElement>("#income-account")!.Value);
        Assert.Equal("10", page.QuerySelector<IHtmlSelectElement>("#expense-account")!.Value);
        Assert.NotNull(page.QuerySelector("#create-items"));

        page.QuerySelector<IHtmlInputElement>($"#select-{colon}")!.IsChecked = true;
        page.QuerySelector<IHtmlInputElement>($"#select-{edited}")!.IsChecked = true;
        var response = await browser.SubmitAsync(page.Form("#create-items-form"), new() { [$"Names[{edited}]"] = "Concrete Work", ["Type"] = "NonInventory" }, Submit);
        var after = await response.ParseAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("created", after.QuerySelector($"#result-{colon}")!.ClassList);
        Assert.Contains("Concrete Work", after.QuerySelector($"#result-{edited}")!.TextContent);
        Assert.Null(after.QuerySelector($"#result-{untouched}"));
        // Mapped cost codes leave the list; the unselected one stays.
        Assert.Null(after.QuerySelector($"#select-{colon}"));
        Assert.NotNull(after.QuerySelector($"#select-{untouched}"));
        var items = (await qbo.Client.QueryAsync<QboItem>(qbo.Company, QboQuery.From("Item").WhereEquals("Name", "Concrete Work"), default)).Items;
        Assert.Equal("NonInventory", Assert.Single(items).Type);
        var links = await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().OrderBy(l => l.LocalId).Select(l => l.LocalId).ToListAsync());
        Assert.Equal([colon, edited], links);
    }

    [Fact]
    public async Task Page_EditedNameWithAColon_IsRefusedOnThePage_AndNothingIsCreated()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var code = await CostCodeAsync(await app.ApiClientAsync(owner), "05 00 00", "Metals");

        var page = await browser.GetPageAsync(PagePath);
        page.QuerySelector<IHtmlInputElement>($"#select-{code}")!.IsChecked = true;
        var after = await (await browser.SubmitAsync(page.Form("#create-items-form"), new() { [$"Names[{code}]"] = "Metals: Structural" }, Submit)).ParseAsync();

        var row = after.QuerySelector($"#result-{code}")!;
        Assert.Contains("refused", row.ClassList);
        Assert.Contains("colon", row.TextContent);
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));

        var nothing = await (await browser.SubmitAsync((await browser.GetPageAsync(PagePath)).Form("#create-items-form"), button: Submit)).ParseAsync();
        Assert.Contains("Select at least one cost code", nothing.Errors());
    }

    [Fact]
    public async Task Page_IsReadOnlyForAccountants_AndClosedToMembers()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, _) = await app.ConnectedOwnerAsync(realm);
        var code = await CostCodeAsync(await app.ApiClientAsync(owner), "06 00 00", "Wood: Plastics");
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));

        var page = await accountant.GetPageAsync(PagePath);
        Assert.Null(page.QuerySelector("#create-items"));
        Assert.Null(page.QuerySelector($"#select-{code}"));
        Assert.Equal("06 00 00 Wood - Plastics", page.QuerySelector($"#name-{code}")!.TextContent);
        Assert.NotNull(page.QuerySelector("#read-only"));
        var post = await accountant.PostFormAsync(PagePath + "?handler=Create", new() { ["Selected"] = code.ToString() }, PagePath);
        AssertDenied(post);
        AssertDenied(await member.GetAsync(PagePath));
        Assert.Equal(0, await app.WithDbAsync(owner, db => db.QboLinks.CountAsync()));
    }

    [Fact]
    public async Task Page_Refresh_ChecksNamesAgainstWhatQuickBooksHasNow()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var code = await CostCodeAsync(await app.ApiClientAsync(owner), "05 00 00", "Metals");
        var page = await browser.GetPageAsync(PagePath);
        Assert.Null(page.QuerySelector($"#problem-{code}"));
        await qbo.CreateAsync(new QboItem { Name = "05 00 00 Metals", Type = "Service", IncomeAccountRef = new QboRef("6"), ExpenseAccountRef = new QboRef("10") });

        var refresh = await browser.SubmitAsync(page.Form("form[action*='handler=Refresh']"));

        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        var after = await browser.GetPageAsync(PagePath);
        Assert.Contains("already has a Product/Service", after.QuerySelector($"#problem-{code}")!.TextContent);
        Assert.Equal("05 00 00 Metals (2)", after.QuerySelector<IHtmlInputElement>($"#name-{code}")!.Value);
    }

    [Fact]
    public async Task Page_PagesWithPageNumber_AndSearches()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var api = await app.ApiClientAsync(owner);
        var ids = new List<long>();
        for (var i = 0; i < 51; i++) ids.Add(await CostCodeAsync(api, $"10 {i:00} 00", $"Specialty {i}"));

        var first = await browser.GetPageAsync(PagePath);
        Assert.Equal(50, first.QuerySelectorAll("#unmapped-cost-codes tbody tr").Length);
        Assert.Equal(PagePath + "?pageNumber=2", first.QuerySelector<IHtmlAnchorElement>("#next-page")!.GetAttribute("href"));
        var second = await browser.GetPageAsync(PagePath + "?pageNumber=2");
        Assert.NotNull(second.QuerySelector($"#select-{ids[50]}"));
        Assert.Single(second.QuerySelectorAll("#unmapped-cost-codes tbody tr"));

        var found = await browser.GetPageAsync(PagePath + "?q=specialty+7");
        Assert.NotNull(found.QuerySelector($"#select-{ids[7]}"));
        Assert.Null(found.QuerySelector($"#select-{ids[8]}"));
        Assert.NotNull(found.QuerySelector("#qbo-nav-products[aria-current=page]"));
    }
}
