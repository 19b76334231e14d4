using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ConnectQuickBooksBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Owner_ConnectsTheCompanyWithoutTaxAgency_SeesConnectedAndTheMissingTaxAgency()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Integrations" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add New Integration" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect to QuickBooks" }).ClickAsync();

        // The emulator's authorize page, as Intuit's: sign in, choose the company, Connect.
        await page.GetByLabel("Email").FillAsync("bookkeeper@example.com");
        await page.GetByLabel("Password").FillAsync("quickbooks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Second Street Renovations").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

        await Assertions.Expect(page.Locator("#connection-status")).ToHaveTextAsync("Connected");
        await Assertions.Expect(page.Locator("#connected-company")).ToHaveTextAsync("Second Street Renovations");
        await Assertions.Expect(page.Locator("#push-blocked")).ToBeVisibleAsync();
        var taxAgency = page.Locator("#readiness tr[data-key='tax-agency']");
        await Assertions.Expect(taxAgency).ToContainTextAsync("No tax agency");
        await Assertions.Expect(taxAgency).ToContainTextAsync("Taxes → Sales tax");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connection-status")).ToHaveTextAsync("Disconnected");
    }
}
