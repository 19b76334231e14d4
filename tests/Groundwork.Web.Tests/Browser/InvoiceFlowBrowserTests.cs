using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class InvoiceFlowBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Builder_CreatesCustomerJobAndInvoice_PartialPaymentShowsPartiallyPaid()
    {
        var page = await browser.SignedInPageAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/Customers/Edit");
        await page.GetByLabel("Name").FillAsync($"Browser Builders {suffix}");
        await page.GetByLabel("Email").FillAsync("office@browser.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save customer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Browser Builders {suffix}" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add location" }).ClickAsync();
        await page.GetByLabel("Location name").FillAsync("Main Street Site");
        await page.GetByLabel("Sales tax rate (%)").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save location" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New job here" }).ClickAsync();
        await page.GetByLabel("Job number").FillAsync($"B-{suffix}");
        await page.GetByLabel("Job name").FillAsync("Storefront remodel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save job" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Saved job B-{suffix}.")).ToBeVisibleAsync();

        await page.GotoAsync("/invoices/new");
        await page.GetByLabel("Job").SelectOptionAsync(new SelectOptionValue { Label = $"B-{suffix} Storefront remodel (Browser Builders {suffix})" });
        await page.GetByLabel("Line 1 name").FillAsync("Demolition labor");
        await page.GetByLabel("Line 1 quantity").FillAsync("8");
        await page.GetByLabel("Line 1 unit amount").FillAsync("60");
        await page.GetByLabel("Line 2 name").FillAsync("Lumber");
        await page.GetByLabel("Line 2 quantity").FillAsync("1");
        await page.GetByLabel("Line 2 unit amount").FillAsync("520");
        await page.GetByLabel("Line 2 taxable").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        // 8 × 60 + 520 = 1,000.00; tax 10% of 520 = 52.00.
        await Assertions.Expect(page.Locator("#document-status")).ToHaveTextAsync("Draft");
        await Assertions.Expect(page.Locator("#document-total")).ToHaveTextAsync("$1,052.00");

        await page.GetByRole(AriaRole.Button, new() { Name = "Finalize" }).ClickAsync();
        await Assertions.Expect(page.Locator("#document-status")).ToHaveTextAsync("Pending");

        var heading = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        var number = heading.Split(' ')[1];
        await page.GetByRole(AriaRole.Link, new() { Name = "Record payment" }).ClickAsync();
        var amount = page.GetByLabel($"Payment for {number}");
        await Assertions.Expect(amount).ToHaveValueAsync("1052.00");
        await amount.FillAsync("400.00");
        await page.GetByLabel("Reference").FillAsync("CHK-1001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record payment" }).ClickAsync();

        await Assertions.Expect(page.Locator("#document-status")).ToHaveTextAsync("PartiallyPaid");
        await Assertions.Expect(page.Locator("#document-balance")).ToHaveTextAsync("$652.00");
    }

    [Fact]
    public async Task InvoiceForm_NoLines_ShowsWhatIsWrongAndSavesNothing()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/invoices");
        var before = await page.Locator(".pager span, p.muted").First.InnerTextAsync();

        await page.GotoAsync("/invoices/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Add at least one line.");
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Choose a job.");

        await page.GotoAsync("/invoices");
        Assert.Equal(before, await page.Locator(".pager span, p.muted").First.InnerTextAsync());
    }
}
