using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Classes;

/// <summary>The Class Mapping page: a class select per cost type, inactive classes marked and never offered, disabled with QuickBooks' steps.</summary>
[Trait("Category", "Database")]
public sealed class ClassesPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string PagePath = "/Settings/Integrations/QuickBooks/Classes";

    private static async Task<long> CostTypeAsync(HttpClient api, string name) =>
        (await api.CreateAsync("/api/v1/cost-types", new { name, taxableByDefault = false })).Id();

    private static async Task<QboClass> ClassAsync(QuickBooksSide qbo, string name) =>
        (await qbo.Client.QueryAsync<QboClass>(qbo.Company, QboQuery.From("Class").WhereEquals("Name", name), default)).Items.Single();

    /// <summary>Pages answer a refused person with the access-denied page (APIs with 403).</summary>
    private static void AssertDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/denied", response.Headers.Location?.AbsolutePath, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Page_MapsACostTypeToAClass_InactiveClassesMarkedAndNotOffered()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var other = await ClassAsync(qbo, "Other");
        await qbo.DeactivateAsync(other);
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var labor = await CostTypeAsync(await app.ApiClientAsync(owner), "Labor");
        var laborClass = await ClassAsync(qbo, "Labor");

        var page = await browser.GetPageAsync(PagePath);
        Assert.Null(page.QuerySelector("#class-tracking-steps"));
        Assert.NotNull(page.QuerySelector("#refresh-classes"));
        var select = page.QuerySelector<IHtmlSelectElement>($"#class-{labor}")!;
        Assert.False(select.IsDisabled);
        var inactive = select.Options.Single(o => o.Value == other.Id);
        Assert.True(inactive.IsDisabled);
        Assert.Contains("(inactive)", inactive.Text);
        Assert.False(select.Options.Single(o => o.Value == laborClass.Id).IsDisabled);

        var response = await browser.SubmitAsync(page.Form($"#class-form-{labor}"), new() { ["qboClassId"] = laborClass.Id! });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().SingleAsync());
        Assert.Equal((labor, laborClass.Id), (link.LocalId, link.QboId));
        var after = await browser.GetPageAsync(PagePath);
        Assert.Equal(laborClass.Id, after.QuerySelector<IHtmlSelectElement>($"#class-{labor}")!.Value);

        // Posting the inactive class anyway (a stale form) is refused on the page.
        var refused = await browser.PostFormAsync(PagePath + "?handler=Save", new() { ["costTypeId"] = labor.ToString(), ["qboClassId"] = other.Id! }, PagePath);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("inactive", (await refused.ParseAsync()).Errors());
        Assert.Equal(laborClass.Id, (await app.WithDbAsync(owner, db => db.QboLinks.AsNoTracking().SingleAsync())).QboId);
    }

    [Fact]
    public async Task Page_WithClassTrackingOff_DisablesTheFormsAndShowsTheSteps()
    {
        var (owner, browser) = await app.ConnectedOwnerAsync(await app.NewCompanyAsync("plain"));
        var labor = await CostTypeAsync(await app.ApiClientAsync(owner), "Labor");

        var page = await browser.GetPageAsync(PagePath);

        Assert.Contains("Track classes", page.QuerySelector("#class-tracking-steps")!.TextContent);
        Assert.True(page.QuerySelector<IHtmlSelectElement>($"#class-{labor}")!.IsDisabled);
        Assert.True(page.QuerySelector<IHtmlButtonElement>($"#save-class-{labor}")!.IsDisabled);
    }

    [Fact]
    public async Task Page_IsReadOnlyForAccountants_ClosedToMembers_AndRefreshReadsClassesAgain()
    {
        var realm = await app.NewCompanyAsync();
        var qbo = await app.QuickBooksAsync(realm);
        var (owner, browser) = await app.ConnectedOwnerAsync(realm);
        var labor = await CostTypeAsync(await app.ApiClientAsync(owner), "Labor");
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));

        var page = await accountant.GetPageAsync(PagePath);
        Assert.Null(page.QuerySelector($"#class-form-{labor}"));
        Assert.Null(page.QuerySelector("#refresh-classes"));
        Assert.Equal("(no class)", page.QuerySelector($"#class-{labor}")!.TextContent);
        var post = await accountant.PostFormAsync(PagePath + "?handler=Save", new() { ["costTypeId"] = labor.ToString(), ["qboClassId"] = "1" }, PagePath);
        AssertDenied(post);
        AssertDenied(await member.GetAsync(PagePath));

        await browser.GetPageAsync(PagePath);
        var added = await qbo.CreateAsync(new QboClass { Name = "Warranty" });
        Assert.DoesNotContain((await browser.GetPageAsync(PagePath)).QuerySelector<IHtmlSelectElement>($"#class-{labor}")!.Options, o => o.Value == added.Id);
        var refresh = await browser.SubmitAsync((await browser.GetPageAsync(PagePath)).Form("form[action*='handler=Refresh']"));
        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Contains((await browser.GetPageAsync(PagePath)).QuerySelector<IHtmlSelectElement>($"#class-{labor}")!.Options, o => o.Value == added.Id);
    }
}
