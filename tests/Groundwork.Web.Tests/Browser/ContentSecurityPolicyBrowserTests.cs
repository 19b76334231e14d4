using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

/// <summary>
/// Chromium enforces the Content-Security-Policy: no page (the app's or the embedded emulator's) trips it, and the
/// confirmations that used to be inline handlers still ask before a destructive action.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Pages_AppAndEmulator_LoadWithoutPolicyViolations()
    {
        var page = await browser.SignedInPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {message.Text}");
        };

        foreach (var url in new[] { "/", "/Customers", "/Jobs", "/invoices", "/invoices/new", "/bills/new", "/Payments", "/CostCodes",
                     "/CostTypes", "/Settings/Integrations", "/Settings/Members", "/no-such-page", "/qbo/ui", "/qbo/ui/apps" })
        {
            await page.GotoAsync(url);
        }

        Assert.Empty(violations);
        // The emulator's inline style sheet still applies: its header is green, not unstyled.
        await page.GotoAsync("/qbo/ui");
        Assert.Equal("rgb(44, 160, 28)", await page.Locator("header").EvaluateAsync<string>("h => getComputedStyle(h).backgroundColor"));
    }

    [Fact]
    public async Task RemoveMember_ConfirmationDismissedThenAccepted_RemovesOnlyAfterYes()
    {
        var page = await browser.SignedInPageAsync();
        var email = $"{Guid.NewGuid():N}@crew.example";
        await page.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Member");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        await Assertions.Expect(page.Locator("#one-time-password")).ToContainTextAsync(email);
        var row = page.Locator("#members tr", new() { HasText = email });

        var asked = new List<string>();
        void Dismiss(object? _, IDialog dialog) { asked.Add(dialog.Message); _ = dialog.DismissAsync(); }
        page.Dialog += Dismiss;
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(row).ToBeVisibleAsync();
        page.Dialog -= Dismiss;

        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.flash")).ToContainTextAsync($"{email} was removed.");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        Assert.Contains(asked, m => m.Contains(email, StringComparison.Ordinal));
    }
}
