using System.Text.RegularExpressions;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

/// <summary>
/// Push All in Chromium, as the demo organization's owner meets it right after connecting "Groundwork Demo Builders": every
/// finalized invoice and bill made before connecting waits in Unsynced Records; Push All sends them with live progress;
/// the customer whose name has a colon is held back with the rename fix; one click fixes it and pushes again; the
/// QuickBooks side (the emulator's own UI) then holds every invoice and bill with Groundwork's totals.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PushAllBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Realm = QuickBooksBrowserSteps.Realm;

    [Fact]
    public async Task Owner_PushesAll_WatchesItFinish_FixesTheColonName_AndQuickBooksHasEveryDocumentWithItsTotal()
    {
        var page = await browser.SignedInPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add($"{page.Url}: {message.Text}");
        };
        await QuickBooksBrowserSteps.ConnectAsync(page);
        await QuickBooksBrowserSteps.ChooseDefaultItemAndClassesAsync(page);

        await page.Locator("#qbo-nav-unsynced").ClickAsync();
        await Assertions.Expect(page.Locator("#unsynced tbody tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#nav-unsynced-count")).ToBeVisibleAsync();
        // QuickBooks answers slowly, so the page opens on a running push and push-progress.js carries it to the end.
        await SlowQuickBooksAsync(page, latencyMs: 100);
        await page.Locator("#push-all").ClickAsync();
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Running");
        await Assertions.Expect(page.Locator("#push-cancel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#push-percent")).ToHaveTextAsync("100%", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Finished");
        await Assertions.Expect(page.Locator("#push-cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#push-remaining")).ToHaveTextAsync("0");

        // Of the documents, only the colon customer's are left, each held back with the one-click rename. The payments recorded
        // before connecting follow their documents: those queued go shortly; the rest wait, each saying for what (a held-back
        // document, or the bill payment account nobody has chosen yet).
        var held = page.Locator("#unsynced tbody tr[id^='row-']");
        await Assertions.Expect(held.First).ToHaveAttributeAsync("data-state", "needsAttention");
        await Assertions.Expect(page.Locator("#unsynced tbody tr[id^='row-']:not([data-state='needsAttention'])")).ToHaveCountAsync(0);
        // The page follows them without a reload: once QuickBooks has the payments that followed their documents, they are gone.
        await ExpectPaymentsSettledWithoutReloadAsync(page);
        await Assertions.Expect(page.Locator("#unsynced tbody tr[id^='payment-row-']:not([data-state='waiting'])")).ToHaveCountAsync(0);
        foreach (var row in await page.Locator("#unsynced tbody tr[id^='payment-row-']").AllAsync())
        {
            await Assertions.Expect(row).ToContainTextAsync(new Regex("Waiting for (the bill payment account|INV-|BILL-)"));
        }
        foreach (var row in await held.AllAsync())
        {
            await Assertions.Expect(row.Locator(".reason")).ToContainTextAsync("colon");
            await Assertions.Expect(row.Locator(".reason")).ToContainTextAsync("Lakeside HOA - Phase 2");
        }
        var rename = held.First.Locator("button[id^='rename-']");
        await Assertions.Expect(rename).ToHaveTextAsync("Rename to “Lakeside HOA - Phase 2”");

        await rename.ClickAsync();
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Running");
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Finished", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#push-failed")).ToHaveTextAsync("0");
        // Every document is in QuickBooks now; what is left is payments waiting for the bill payment account (or a bill not
        // approved), none for the colon customer's invoice any more.
        await Assertions.Expect(page.Locator("#unsynced tbody tr[id^='row-']")).ToHaveCountAsync(0);
        await ExpectPaymentsSettledWithoutReloadAsync(page);
        await Assertions.Expect(page.Locator("#unsynced tbody tr[id^='payment-row-']:not([data-state='waiting'])")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#unsynced tbody tr[id^='payment-row-']:has-text('Waiting for INV-')")).ToHaveCountAsync(0);

        await SlowQuickBooksAsync(page, latencyMs: 0);
        Assert.Empty(violations);

        // The QuickBooks side: each finalized invoice and bill, by its number, with Groundwork's total.
        var invoices = await FinalizedAsync(page, "invoices");
        var bills = await FinalizedAsync(page, "bills");
        Assert.True(invoices.Count > 0 && bills.Count > 0, $"The demo has {invoices.Count} finalized invoices and {bills.Count} bills.");
        await AssertInQuickBooksAsync(page, "invoices", invoices);
        await AssertInQuickBooksAsync(page, "bills", bills);
    }

    /// <summary>
    /// Waits, through the API, until no payment is queued any more (those that follow their documents are in QuickBooks), then
    /// expects the page, never reloaded, to list exactly the payments the API still lists: it has followed them by itself.
    /// </summary>
    private static async Task ExpectPaymentsSettledWithoutReloadAsync(IPage page)
    {
        List<string> left = [];
        for (var i = 0; i < 120; i++)
        {
            var response = await page.APIRequest.GetAsync("/api/v1/quickbooks/unsynced?pageSize=200");
            Assert.True(response.Ok, $"GET /api/v1/quickbooks/unsynced → {response.Status}");
            using var json = JsonDocument.Parse(await response.TextAsync());
            var payments = json.RootElement.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("paymentId").ValueKind == JsonValueKind.Number).ToList();
            left = [.. payments.Select(r => $"payment-row-{r.GetProperty("paymentId").GetInt64()}").Order()];
            if (payments.All(r => r.GetProperty("state").GetString() is not ("queued" or "retrying"))) break;
            await Task.Delay(500);
        }
        var rows = page.Locator("#unsynced tbody tr[id^='payment-row-']");
        await Assertions.Expect(rows).ToHaveCountAsync(left.Count, new() { Timeout = 30_000 });
        Assert.Equal(left, (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.id)")).Order().ToList());
    }

    /// <summary>The emulator's fault injection (its admin API): added latency on every QBO request of the demo company.</summary>
    private static async Task SlowQuickBooksAsync(IPage page, int latencyMs)
    {
        var response = await page.APIRequest.PutAsync($"/qbo/admin/api/faults/{Realm}", new()
        {
            Headers = new Dictionary<string, string> { ["X-Emulator-Admin-Key"] = Infrastructure.GroundworkAppFactory.EmulatorAdminKey },
            DataObject = new { latencyMs },
        });
        Assert.True(response.Ok, $"Setting the emulator's latency answered {response.Status}.");
    }

    /// <summary>Groundwork's finalized documents of a kind (number → total), read from its API with the browser's session.</summary>
    private static async Task<Dictionary<string, string>> FinalizedAsync(IPage page, string kind)
    {
        var response = await page.APIRequest.GetAsync($"/api/v1/{kind}?pageSize=200");
        Assert.True(response.Ok, $"GET /api/v1/{kind} → {response.Status}");
        using var json = JsonDocument.Parse(await response.TextAsync());
        string[] finalized = ["Pending", "Approved", "PartiallyPaid", "Paid"];
        return json.RootElement.GetProperty("items").EnumerateArray()
            .Where(d => finalized.Contains(d.GetProperty("status").GetString()))
            .ToDictionary(d => d.GetProperty("number").GetString()!,
                d => (d.GetProperty("totalCents").GetInt64() / 100m).ToString("0.00", CultureInfo.InvariantCulture));
    }

    /// <summary>The emulator's list page (its first table: No. in column 2, Total in column 5) holds each document with its total.</summary>
    private static async Task AssertInQuickBooksAsync(IPage page, string list, Dictionary<string, string> expected)
    {
        await page.GotoAsync($"/qbo/ui/{Realm}/{list}");
        var table = page.Locator("table").First;
        var numbers = await table.Locator("tbody tr td:nth-child(2)").AllInnerTextsAsync();
        var totals = await table.Locator("tbody tr td:nth-child(5)").AllInnerTextsAsync();
        var inQuickBooks = numbers.Zip(totals).GroupBy(p => p.First.Trim()).ToDictionary(g => g.Key, g => g.Select(p => p.Second.Trim()).ToList());
        foreach (var (number, total) in expected)
        {
            Assert.True(inQuickBooks.TryGetValue(number, out var found), $"{number} is not in QuickBooks' {list}.");
            Assert.Equal([total], found);
        }
    }
}
