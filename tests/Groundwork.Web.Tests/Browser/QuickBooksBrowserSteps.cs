using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

/// <summary>The demo owner's first steps with QuickBooks, as the browser tests take them: connect the demo company, then map what a push needs.</summary>
internal static class QuickBooksBrowserSteps
{
    /// <summary>The embedded emulator's demo company, "Groundwork Demo Builders".</summary>
    public const string Realm = "9341452525163001";

    private static readonly string[] CostTypes = ["Labor", "Materials", "Subcontractor", "Equipment", "Other"];

    /// <summary>Connect → the emulator's authorize page (signing the bookkeeper in on the QuickBooks side too) → the demo company.</summary>
    public static async Task ConnectAsync(IPage page)
    {
        await page.GotoAsync("/Settings/Integrations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect to QuickBooks" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("bookkeeper@example.com");
        await page.GetByLabel("Password").FillAsync("quickbooks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Groundwork Demo Builders").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Assertions.Expect(page.Locator("#connection-status")).ToHaveTextAsync("Connected");
    }

    /// <summary>What every push needs here: the default item, and (classes are tracked per line) a class for each cost type.</summary>
    public static async Task ChooseDefaultItemAndClassesAsync(IPage page)
    {
        await page.Locator("#qbo-nav-products").ClickAsync();
        await page.Locator("#default-item").FillAsync("Services");
        await page.Locator("#save-default-item").ClickAsync();
        await Assertions.Expect(page.Locator("#default-item-missing")).ToHaveCountAsync(0);

        await page.Locator("#qbo-nav-classes").ClickAsync();
        foreach (var type in CostTypes)
        {
            var row = page.Locator($"tr[data-cost-type-id]:has(td:first-child:text-is('{type}'))");
            await row.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = type });
            await row.Locator("button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator($"tr[data-cost-type-id]:has(td:first-child:text-is('{type}')) select option:checked")).ToHaveTextAsync(type);
        }
    }
}
