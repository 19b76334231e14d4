using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

/// <summary>The invoice line editor in Chromium: what only a browser shows (scripted defaults, layout at phone width).</summary>
[Trait("Category", "Browser")]
public sealed class LineEditorBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NewInvoice_ChoosingACostType_SetsTaxableToThatTypesDefaultAndSavesIt()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/invoices/new");
        var costType = page.GetByLabel("Line 1 cost type");
        var taxable = page.GetByLabel("Line 1 taxable");

        await costType.SelectOptionAsync(new SelectOptionValue { Label = "Materials" });
        await Assertions.Expect(taxable).ToBeCheckedAsync();
        await costType.SelectOptionAsync(new SelectOptionValue { Label = "Labor" });
        await Assertions.Expect(taxable).Not.ToBeCheckedAsync();
        await costType.SelectOptionAsync(new SelectOptionValue { Label = "Equipment" });
        await Assertions.Expect(taxable).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Line 2 taxable")).Not.ToBeCheckedAsync();

        await page.GetByLabel("Job").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Line 1 name").FillAsync("Scaffold rental");
        await page.GetByLabel("Line 1 unit amount").FillAsync("$1,200.00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Assertions.Expect(page.Locator("#document-status")).ToHaveTextAsync("Draft");
        var line = page.Locator("#document-lines tbody tr").First;
        await Assertions.Expect(line).ToContainTextAsync("Equipment");
        await Assertions.Expect(line).ToContainTextAsync("$1,200.00");
        await Assertions.Expect(line.Locator("td").Last).ToHaveTextAsync("✓");
    }

    [Fact]
    public async Task NewInvoice_ATaxableBoxTheUserSet_IsKeptWhenTheCostTypeChanges()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/invoices/new");
        var taxable = page.GetByLabel("Line 1 taxable");

        await taxable.CheckAsync();
        await page.GetByLabel("Line 1 cost type").SelectOptionAsync(new SelectOptionValue { Label = "Labor" });

        await Assertions.Expect(taxable).ToBeCheckedAsync();
    }

    [Theory]
    [InlineData("/invoices/new")]
    [InlineData("/bills/new")]
    [InlineData("/invoices")]
    [InlineData("first-invoice")]
    [InlineData("/Jobs")]
    [InlineData("/Payments")]
    public async Task Page_AtPhoneWidth_HasNoHorizontalOverflowAndEveryLineFieldIsReachable(string url)
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(375, 740);
        if (url == "first-invoice")
        {
            await page.GotoAsync("/invoices");
            url = (await page.Locator("main table tbody a").First.GetAttributeAsync("href"))!;
        }

        await page.GotoAsync(url);

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1], $"{url} is {widths[0]} px wide in a {widths[1]} px viewport.");
        if (url.EndsWith("/new", StringComparison.Ordinal))
        {
            var taxable = page.GetByLabel("Line 3 taxable");
            await taxable.CheckAsync();
            await Assertions.Expect(taxable).ToBeCheckedAsync();
            var box = (await taxable.BoundingBoxAsync())!;
            Assert.True(box.X >= 0 && box.X + box.Width <= 375, $"Line 3 taxable sits at x={box.X}.");
            await page.GetByLabel("Line 3 unit amount").FillAsync("12.50");
            await Assertions.Expect(page.GetByLabel("Line 3 unit amount")).ToHaveValueAsync("12.50");
        }
    }
}
