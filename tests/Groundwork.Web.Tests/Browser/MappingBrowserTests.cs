using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

/// <summary>
/// The mapping screens in Chromium, as a builder's admin uses them after connecting the demo organization to the
/// emulator's "Groundwork Demo Builders": Autofill, default item, one missing item created, a class, a customer linked.
/// </summary>
[Trait("Category", "Browser")]
public sealed class MappingBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Owner_Autofills_SetsTheDefault_CreatesAnItem_MapsAClass_LinksACustomer()
    {
        var page = await browser.SignedInPageAsync();
        await ConnectAsync(page, "Groundwork Demo Builders");

        // Products/Services Mapping: Autofill maps "03 00 00 Concrete" to the item "Concrete" (name alone).
        await page.Locator("#qbo-nav-products").ClickAsync();
        await page.Locator("#autofill").ClickAsync();
        await Assertions.Expect(page.Locator("#autofill-report")).ToContainTextAsync("Concrete");
        await Assertions.Expect(page.Locator("#undo-autofill")).ToBeVisibleAsync();

        // The default item, required before anything is pushed.
        await Assertions.Expect(page.Locator("#default-item-missing")).ToBeVisibleAsync();
        await page.Locator("#default-item").FillAsync("Services");
        await page.Locator("#save-default-item").ClickAsync();
        await Assertions.Expect(page.Locator("#default-item-missing")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#default-item")).ToHaveValueAsync("Services");

        // Create one missing item: "06 10 00 Rough Carpentry" has no item of its name in QuickBooks.
        await page.Locator("#create-missing-items").ClickAsync();
        var row = page.Locator("tr[data-cost-code-id]:has(td:nth-child(2):text-is('06 10 00 Rough Carpentry'))");
        await row.Locator("input[type=checkbox]").CheckAsync();
        await page.Locator("#create-items").ClickAsync();
        var created = page.Locator("#create-results tr.created");
        await Assertions.Expect(created).ToHaveCountAsync(1);
        await Assertions.Expect(created).ToContainTextAsync("Rough Carpentry");

        // Class Mapping: the cost type Labor → the class Labor.
        await page.Locator("#qbo-nav-classes").ClickAsync();
        var labor = page.Locator("tr[data-cost-type-id]:has(td:first-child:text-is('Labor'))");
        await labor.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "Labor" });
        await labor.Locator("button[type=submit]").ClickAsync();
        labor = page.Locator("tr[data-cost-type-id]:has(td:first-child:text-is('Labor'))");
        await Assertions.Expect(labor.Locator("select option:checked")).ToHaveTextAsync("Labor");

        // A Groundwork customer with a QuickBooks customer's name, linked on the match-and-link screen.
        await page.GotoAsync("/Customers/Edit");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Cool Cars");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save customer" }).ClickAsync();
        await page.GotoAsync("/Settings/Integrations/QuickBooks/Names?kind=customer&q=Cool+Cars");
        var record = page.Locator("tr[id^='record-']:has(td:first-child:text-is('Cool Cars'))");
        await Assertions.Expect(record).ToHaveCountAsync(1);
        await record.Locator("form[id^='link-'] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("tr[id^='record-']:has(td:first-child:text-is('Cool Cars'))").Locator("span[id^='linked-']")).ToHaveTextAsync("Cool Cars");
    }

    private static async Task ConnectAsync(IPage page, string company)
    {
        await page.GotoAsync("/Settings/Integrations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect to QuickBooks" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("bookkeeper@example.com");
        await page.GetByLabel("Password").FillAsync("quickbooks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel(company).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connection-status")).ToHaveTextAsync("Connected");
    }
}
