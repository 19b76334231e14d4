using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Mappings;

/// <summary>The Products/Services Mapping page: map a cost code by typing an item's name, refused names shown on the row,
/// synced usage after a change, read-only for Accountants, closed to Members, and a hint to connect when not connected.</summary>
[Trait("Category", "Database")]
public sealed class ProductsPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string PagePath = "/Settings/Integrations/QuickBooks/Products";

    [Fact]
    public async Task Owner_MapsACostCodeByName_AnUnknownNameIsShownOnTheRow()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var code = (await (await app.ApiClientAsync(owner)).CreateAsync("/api/v1/cost-codes", new { number = "09 90 00", name = "Painting" })).Id();

        var page = await browser.GetPageAsync(PagePath);
        Assert.NotNull(page.QuerySelector("#default-item-missing"));
        Assert.Contains("General Requirements", page.QuerySelector("#match-rule")!.TextContent, StringComparison.Ordinal);
        var form = page.QuerySelector($"#mapping-{code}")!.Closest("form") as AngleSharp.Html.Dom.IHtmlFormElement;

        var refused = await browser.SubmitAsync(form!, new() { ["item"] = "No Such Item" });
        var shown = await refused.ParseAsync();
        Assert.NotNull(shown.QuerySelector($"#mapping-error-{code}"));
        Assert.Empty(await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().ToListAsync()));

        var mapped = await browser.SubmitAsync(form!, new() { ["item"] = "concrete" });
        Assert.Equal(HttpStatusCode.Redirect, mapped.StatusCode);
        var link = await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().SingleAsync());
        Assert.Equal(code, link.LocalId);
        Assert.Equal("Concrete", link.QboName);
        var after = await browser.GetPageAsync(PagePath);
        Assert.Contains("Concrete", after.QuerySelector($"tr[data-cost-code-id='{code}'] td.item")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_AreThoseOfTheCostCodesOnThePage()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var api = await app.ApiClientAsync(owner);
        for (var i = 1; i <= 50; i++) await api.CreateAsync("/api/v1/cost-codes", new { number = $"00 00 {i:00}", name = $"Zq{i:00}" });
        // Sorted last, so on page 2: a near match of the seeded item "Equipment Rental".
        var near = (await api.CreateAsync("/api/v1/cost-codes", new { number = "99 00 00", name = "Equipment Rentals" })).Id();

        var first = await browser.GetPageAsync(PagePath);
        var second = await browser.GetPageAsync(PagePath + "?pageNumber=2");

        Assert.Null(first.QuerySelector($"#suggestions tr[data-cost-code-id='{near}']"));
        Assert.NotNull(first.QuerySelector($"#mapping-{near - 1}"));
        Assert.NotNull(second.QuerySelector($"#mapping-{near}"));
        Assert.Contains("Equipment Rental", second.QuerySelector($"#suggestions tr[data-cost-code-id='{near}']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autofill_FromThePage_CountsInWords_OneCostCodeNotCostCodes()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        await (await app.ApiClientAsync(owner)).CreateAsync("/api/v1/cost-codes", new { number = "03 30 00", name = "Concrete" });

        var post = await browser.PostFormAsync(PagePath + "?handler=Autofill", [], PagePath);

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var flash = (await browser.GetPageAsync(post.Headers.Location!.OriginalString)).QuerySelector("p.flash")?.TextContent;
        Assert.StartsWith("Autofill mapped 1 cost code;", flash, StringComparison.Ordinal);
        Assert.DoesNotContain("(s)", flash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsReadOnlyForAccountants_ClosedToMembers_AndSaysWhenNotConnected()
    {
        var realm = await app.NewCompanyAsync();
        var (owner, _) = await app.ConnectedOwnerAsync(realm);
        var code = (await (await app.ApiClientAsync(owner)).CreateAsync("/api/v1/cost-codes", new { number = "01 00 00", name = "General Requirements" })).Id();
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));

        var page = await accountant.GetPageAsync(PagePath);
        Assert.NotNull(page.QuerySelector($"tr[data-cost-code-id='{code}']"));
        Assert.Null(page.QuerySelector($"#mapping-{code}"));
        Assert.Null(page.QuerySelector("#autofill"));
        var post = await accountant.PostFormAsync(PagePath + "?handler=Autofill", [], PagePath);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/denied", post.Headers.Location?.AbsolutePath, StringComparer.OrdinalIgnoreCase);
        Assert.Empty(await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().ToListAsync()));
        var denied = await member.GetAsync(PagePath);
        Assert.Equal("/account/denied", denied.Headers.Location?.AbsolutePath, StringComparer.OrdinalIgnoreCase);

        var stranger = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));
        var unconnected = await stranger.GetPageAsync(PagePath);
        Assert.NotNull(unconnected.QuerySelector("#not-connected"));
        Assert.Null(unconnected.QuerySelector("#autofill"));
    }
}
