using System.Net;
using Groundwork.Web.Features.Organizations;
using AngleSharp.Dom;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Names;

/// <summary>Settings → Integrations → QuickBooks → Customers, locations &amp; vendors, driven through its forms.</summary>
[Trait("Category", "Database")]
public sealed class NamesPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private const string Page = "/Settings/Integrations/QuickBooks/Names";

    private async Task<(TestUser Owner, HttpClient Browser, HttpClient Api)> SetupAsync()
    {
        var (owner, browser) = await app.ConnectedOwnerAsync(await app.NewCompanyAsync());
        return (owner, browser, await app.ApiClientAsync(owner));
    }

    private static async Task<string?> LinkedQboNameAsync(HttpClient api, string kind, long id)
    {
        var page = await (await api.GetAsync($"/api/v1/quickbooks/links?kind={kind}&pageSize=200")).ReadJsonAsync();
        var row = page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id);
        return row.GetProperty("link").ValueKind == System.Text.Json.JsonValueKind.Null ? null : row.GetProperty("link").GetProperty("qboName").GetString();
    }

    [Fact]
    public async Task Owner_LinksACustomerFromItsCandidates_ThenUnlinksIt()
    {
        var (_, browser, api) = await SetupAsync();
        var id = (await api.CreateAsync("/api/v1/customers", new { name = "Cool Cars" })).Id();
        await api.CreateAsync("/api/v1/customers", new { name = "Old Oak Builders" });

        var page = await browser.GetPageAsync(Page + "?kind=customer");
        Assert.NotNull(page.QuerySelector("#link-exact"));
        // The rule said here is the names' rule: cost codes and Products/Services are another screen's.
        Assert.Contains("ignoring upper and lower case", page.QuerySelector("#match-rule")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("cost code", page.QuerySelector("#match-rule")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("page", page.QuerySelector("#kind-customer")?.GetAttribute("aria-current"));
        Assert.Contains(page.QuerySelectorAll("tr .badge-inactive"), b => b.TextContent == "inactive");
        var linked = await browser.SubmitAsync(page.Form($"#link-{id}"), button: "Link");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Equal("Cool Cars", await LinkedQboNameAsync(api, "customer", id));

        page = await browser.GetPageAsync(Page + "?kind=customer");
        Assert.Equal("Cool Cars", page.QuerySelector($"#linked-{id}")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(page.Form($"#unlink-{id}"), button: "Unlink")).StatusCode);
        Assert.Null(await LinkedQboNameAsync(api, "customer", id));
    }

    [Fact]
    public async Task Owner_RenamesAColonName_WithTheSuggestion_AndSeesARefusalOnTheForm()
    {
        var (_, browser, api) = await SetupAsync();
        var id = (await api.CreateAsync("/api/v1/vendors", new { name = "Acme: Supply" })).Id();

        var page = await browser.GetPageAsync(Page + "?kind=vendor");
        Assert.NotNull(page.QuerySelector($"#problem-{id}-colon"));
        var refused = await browser.SubmitAsync(page.Form($"#rename-{id}"), new() { ["name"] = "Still: Colon" }, "Rename");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await refused.ParseAsync();
        Assert.Contains("colon", shown.QuerySelector($"#error-{id}")?.TextContent ?? "", StringComparison.Ordinal);

        page = await browser.GetPageAsync(Page + "?kind=vendor");
        Assert.Equal("Acme - Supply", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"#rename-{id} input[name=name]")?.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(page.Form($"#rename-{id}"), button: "Rename")).StatusCode);
        var vendor = await (await api.GetAsync($"/api/v1/vendors/{id}")).ReadJsonAsync();
        Assert.Equal("Acme - Supply", vendor.GetProperty("name").GetString());
    }

    [Fact]
    public async Task LinkAllExactMatches_Button_LinksAndSaysWhatItSkipped()
    {
        var (_, browser, api) = await SetupAsync();
        var hicks = (await api.CreateAsync("/api/v1/vendors", new { name = "Hicks Hardware" })).Id();
        await api.CreateAsync("/api/v1/vendors", new { name = "Mahoney Mugs" });

        var page = await browser.GetPageAsync(Page + "?kind=vendor");
        var response = await browser.SubmitAsync(page.Form("#link-exact-form"), button: "Link all exact matches");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Hicks Hardware", await LinkedQboNameAsync(api, "vendor", hicks));
        var after = await browser.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Linked 1 exact match(es); skipped 1 (1 inactive)", after.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accountant_ReadsWithoutForms_AndCannotPost_MemberIsRefused()
    {
        var (owner, browser, api) = await SetupAsync();
        var id = (await api.CreateAsync("/api/v1/customers", new { name = "Cool Cars" })).Id();
        var ownerPage = await browser.GetPageAsync(Page + "?kind=customer");
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));

        var page = await accountant.GetPageAsync(Page + "?kind=customer");
        Assert.NotNull(page.QuerySelector($"#record-{id}"));
        Assert.Null(page.QuerySelector("#link-exact"));
        Assert.Null(page.QuerySelector($"#link-{id}"));
        var posted = await accountant.PostFormAsync(Page + "?handler=Link", new() { ["id"] = $"{id}", ["kind"] = "customer", ["qboId"] = ownerPage.QuerySelector($"#candidates-{id} li")!.GetAttribute("data-qbo-id")! }, Page);
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("denied", posted.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Null(await LinkedQboNameAsync(api, "customer", id));

        var refused = await member.GetAsync(Page);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("denied", refused.Headers.Location?.OriginalString ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnknownKind_IsSaidOnThePage_NotAnError()
    {
        var (_, browser, _) = await SetupAsync();
        var page = await browser.GetPageAsync(Page + "?kind=job&pageNumber=-3");
        Assert.Contains("kind must be", page.Errors(), StringComparison.Ordinal);
        Assert.Equal("page", page.QuerySelector("#kind-customer")?.GetAttribute("aria-current"));
    }
}
