using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Groundwork.Web.Tests.Browser;

/// <summary>
/// A brand-new user's walk through every QuickBooks page for pushing and status back, in Chromium against the app as
/// <c>dotnet run</c> starts it (demo data, the embedded emulator): the tabs and their way back, Unsynced Records (push one,
/// nothing selected, Push All with progress and Cancel), the dry run, the transactions log, the document's panel and audit
/// trail, drift both ways, a credit memo's offset, the bill-payment account, reconciliation and a payment received in the
/// emulator's UI — each with one bad input that must say what is wrong. The defects the walk found are pinned here too.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class NewUserWalkBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Realm = QuickBooksBrowserSteps.Realm;

    private static readonly string[] Tabs =
        ["connection", "products", "classes", "names", "import", "layout", "bill-payments", "unsynced", "log", "reconciliation", "credit-memos"];

    [Fact]
    public async Task NewOwner_WalksEveryPushAndStatusBackPage_EachBadInputIsExplained()
    {
        var page = await browser.SignedInPageAsync();
        var serverErrors = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 500) serverErrors.Add($"{r.Status} {r.Url}");
        };
        await QuickBooksBrowserSteps.ConnectAsync(page);
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("comes next");
        await QuickBooksBrowserSteps.ChooseDefaultItemAndClassesAsync(page);
        await EveryTabIsReachableAndLeadsBackAsync(page);

        var (pushed, pushedNumber) = await UnsyncedRecordsAsync(page);
        await PreviewAsync(page, pushed);
        await PushAllCancelThenFinishAsync(page);
        await LogAsync(page, pushedNumber);
        await DriftBothWaysAsync(page, pushed);
        await CreditMemoOffsetAsync(page);
        await BillPaymentAccountAsync(page);
        await ReconciliationAsync(page);
        await PaymentInQuickBooksUiAsync(page, pushed, pushedNumber);

        Assert.Empty(serverErrors);
    }

    [Fact]
    public async Task Roles_AccountantReadsWithoutPushing_MemberIsSentAway_AndNeitherIsOfferedWhatTheyMayNotDo()
    {
        var owner = await browser.SignedInPageAsync();
        var accountant = await MemberPageAsync(owner, "Accountant");
        var member = await MemberPageAsync(owner, "Member");

        await accountant.GotoAsync("/Settings/Integrations/QuickBooks/Unsynced");
        await Assertions.Expect(accountant.Locator("#unsynced-search")).ToBeVisibleAsync();
        await Assertions.Expect(accountant.Locator("#push-all")).ToHaveCountAsync(0);
        await Assertions.Expect(accountant.Locator("#push-selected")).ToHaveCountAsync(0);
        await accountant.GotoAsync("/Settings/Integrations/QuickBooks/BillPayments");
        await Assertions.Expect(accountant.Locator("#save-bill-payment-account")).ToBeDisabledAsync();
        await Assertions.Expect(accountant.Locator("#bill-payments-read-only")).ToBeVisibleAsync();

        await member.GotoAsync("/Settings/Integrations/QuickBooks/Unsynced");
        await Assertions.Expect(member.Locator("h1")).ToHaveTextAsync("Not allowed");
        // A Member may see an invoice's payments but not delete them (the post is refused), so no button is offered.
        var paid = await PaidInvoiceAsync(owner);
        await member.GotoAsync($"/invoices/{paid}");
        await Assertions.Expect(member.Locator("#document-status")).ToBeVisibleAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Button, new() { Name = "Delete payment" })).ToHaveCountAsync(0);
        await member.GotoAsync("/Payments");
        await Assertions.Expect(member.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await accountant.GotoAsync($"/invoices/{paid}");
        await Assertions.Expect(accountant.GetByRole(AriaRole.Button, new() { Name = "Delete payment" }).First).ToBeVisibleAsync();
    }

    /// <summary>Every QuickBooks tab opens its own page (marked current), and every page keeps the tabs and the site navigation — the way back.</summary>
    private static async Task EveryTabIsReachableAndLeadsBackAsync(IPage page)
    {
        foreach (var tab in Tabs)
        {
            await page.Locator($"#qbo-nav-{tab}").ClickAsync();
            await Assertions.Expect(page.Locator($"#qbo-nav-{tab}")).ToHaveAttributeAsync("aria-current", "page");
            await Assertions.Expect(page.Locator("header a[href='/Settings/Integrations']")).ToBeVisibleAsync();
        }
    }

    /// <summary>Nothing selected is explained; one invoice selected and pushed reaches Synced. Its id and number.</summary>
    private static async Task<(long Id, string Number)> UnsyncedRecordsAsync(IPage page)
    {
        await page.Locator("#qbo-nav-unsynced").ClickAsync();
        await page.Locator("#push-selected").ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Select the documents to push");
        await page.Locator("#unsynced-search").FillAsync("Lakeside");
        await page.Locator("#unsynced-search").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#unsynced-search")).ToHaveValueAsync("Lakeside");
        await page.Locator("#preview-selected").ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Select the documents to preview");
        await Assertions.Expect(page.Locator("#unsynced-search")).ToHaveValueAsync("Lakeside");

        await page.GotoAsync("/Settings/Integrations/QuickBooks/Unsynced");
        var row = page.Locator("#unsynced tbody tr:has(td:nth-child(3):text-is('Invoice')):not(:has-text('Lakeside'))").First;
        var id = long.Parse((await row.GetAttributeAsync("id"))!["row-".Length..], CultureInfo.InvariantCulture);
        var number = (await row.Locator("td:nth-child(2)").InnerTextAsync()).Trim();
        await page.Locator($"#select-{id}").CheckAsync();
        await page.Locator("#push-selected").ClickAsync();
        await Assertions.Expect(page.Locator("#push-progress h3")).ToContainTextAsync("Push");
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Finished", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#push-done")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator($"#row-{id}")).ToHaveCountAsync(0);
        return (id, number);
    }

    /// <summary>The dry run: a held-back document with its fix (the names page searched for it); an unknown id and a draft are refused as the push refuses them.</summary>
    private static async Task PreviewAsync(IPage page, long synced)
    {
        await page.GotoAsync("/Settings/Integrations/QuickBooks/Unsynced?q=Lakeside");
        var held = page.Locator("#unsynced tbody tr").First;
        var heldId = (await held.GetAttributeAsync("id"))!["row-".Length..];
        await page.Locator($"#select-{heldId}").CheckAsync();
        await page.Locator("#preview-selected").ClickAsync();
        await Assertions.Expect(page.Locator($"#plan-verdict-{heldId}")).ToHaveTextAsync("Held back");
        await Assertions.Expect(page.Locator($"#problems-{heldId} a").First)
            .ToHaveAttributeAsync("href", "/Settings/Integrations/QuickBooks/Names?kind=customer&q=Lakeside%20HOA%3A%20Phase%202");
        await page.Locator($"#problems-{heldId} a").First.ClickAsync();
        await Assertions.Expect(page.Locator("form[id^='rename-']")).ToHaveCountAsync(1);

        // Defects found: an unknown id (or another organization's) showed "1 document, 0 ready, 1 held back" and no reason;
        // a draft showed "Ready" though the push refuses it.
        await page.GotoAsync("/Settings/Integrations/QuickBooks/Preview?documentIds=999999");
        await Assertions.Expect(page.Locator("#preview-refused")).ToHaveTextAsync("No such document: 999999.");
        var draft = await DraftInvoiceAsync(page);
        await page.GotoAsync($"/Settings/Integrations/QuickBooks/Preview?documentIds={synced},{draft}");
        await Assertions.Expect(page.Locator("#preview-total")).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#preview-ready")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator($"#plan-verdict-{synced}")).ToHaveTextAsync("Ready");
        await Assertions.Expect(page.Locator($"#plan-verdict-{draft}")).ToHaveTextAsync("Not finalized");
        await Assertions.Expect(page.Locator($"#plan-not-finalized-{draft}")).ToContainTextAsync("once finalized");
        await page.Locator("#back-to-unsynced").ClickAsync();
        await Assertions.Expect(page.Locator("#qbo-nav-unsynced")).ToHaveAttributeAsync("aria-current", "page");
    }

    /// <summary>Push All while QuickBooks is slow, Cancel (the rest come back to the list), then Push All to the end; only the colon customer's documents stay.</summary>
    private static async Task PushAllCancelThenFinishAsync(IPage page)
    {
        await SlowQuickBooksAsync(page, latencyMs: 1500);
        await page.Locator("#push-all").ClickAsync();
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Running");
        await page.Locator("#push-cancel").ClickAsync();
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.Locator("#push-cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".flash").First).ToContainTextAsync("Push cancelled");
        await Assertions.Expect(page.Locator("#push-all")).ToBeVisibleAsync();

        await SlowQuickBooksAsync(page, latencyMs: 0);
        // A cancelled run's last request may still be in flight; Push All picks up whatever is left once it has ended.
        await page.ReloadAsync();
        await page.Locator("#push-all").ClickAsync();
        await Assertions.Expect(page.Locator("#push-state")).ToHaveTextAsync("Finished", new() { Timeout = 120_000 });
        // Documents left are the colon customer's; payments recorded before connecting follow theirs (or wait, saying for what).
        await Assertions.Expect(page.Locator("#unsynced tbody tr[id^='row-']:not([data-state='needsAttention'])")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#unsynced tbody tr .reason").First).ToContainTextAsync("colon");
    }

    /// <summary>The transactions log: a search keeps its words and finds only that document; errors only; the CSV carries the filters.</summary>
    private static async Task LogAsync(IPage page, string number)
    {
        await page.Locator("#qbo-nav-log").ClickAsync();
        await page.Locator("#log-search").FillAsync(number);
        await page.Locator("#log-filter").ClickAsync();
        await Assertions.Expect(page.Locator("#log-search")).ToHaveValueAsync(number);
        var rows = page.Locator("#log tbody tr[data-log-id]");
        await Assertions.Expect(rows.First).ToContainTextAsync("Succeeded");
        foreach (var text in await rows.Locator("td:nth-child(2)").AllInnerTextsAsync()) Assert.Contains(number, text, StringComparison.Ordinal);

        await page.Locator("#log-search").FillAsync("");
        await page.Locator("#log-errors-only").CheckAsync();
        await page.Locator("#log-filter").ClickAsync();
        await Assertions.Expect(page.Locator("#log-errors-only")).ToBeCheckedAsync();
        Assert.True(await rows.CountAsync() > 0, "The colon customer's refusals are errors.");
        Assert.Equal(await rows.CountAsync(), await page.Locator("#log tbody tr.flagged").CountAsync());
        await Assertions.Expect(page.Locator("#log-csv")).ToHaveAttributeAsync("href", new Regex("errorsOnly=true"));

        var csv = await page.APIRequest.GetAsync((await page.Locator("#log-csv").GetAttributeAsync("href"))!);
        Assert.True(csv.Ok, $"The log's CSV answered {csv.Status}.");
        var lines = (await csv.TextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("timeUtc,", lines[0], StringComparison.Ordinal);
        Assert.Equal(await rows.CountAsync(), lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain(",succeeded,", l, StringComparison.Ordinal));

        await page.GotoAsync("/Settings/Integrations/QuickBooks/Log?kind=bogus");
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Unknown kind");
    }

    /// <summary>
    /// Two synced invoices edited in the emulator's UI become "Needs attention" with the difference; one takes QuickBooks'
    /// version (its total follows), the other pushes Groundwork's — after which a stale second tab's "take" is refused with the reason.
    /// </summary>
    private static async Task DriftBothWaysAsync(IPage page, long keep)
    {
        var (take, takeNumber) = await SyncedInvoiceAsync(page, keep, skip: 0);
        var (push, pushNumber) = await SyncedInvoiceAsync(page, keep, skip: 1);
        await EditAmountInQuickBooksAsync(page, takeNumber, "12345.67");
        await EditAmountInQuickBooksAsync(page, pushNumber, "1.00");

        await page.GotoAsync($"/invoices/{take}");
        await ReloadUntilAsync(page, "#quickbooks-panel .sync-state", "Needs attention");
        await Assertions.Expect(page.Locator("#sync-message")).ToContainTextAsync("$12,345.67");
        await Assertions.Expect(page.Locator("#sync-audit tbody tr").First).ToContainTextAsync("drift");
        // The reason is on screen, not scrolled off past the audit trail's ids.
        var reason = await page.Locator("#sync-audit tbody tr").First.Locator("td:last-child").BoundingBoxAsync();
        Assert.True(reason is not null && reason.X + reason.Width <= page.ViewportSize!.Width && reason.Width >= 200,
            $"The audit trail's reason cell is at x={reason?.X}, {reason?.Width} wide, in a {page.ViewportSize?.Width} wide window.");
        await page.Locator("#take-quickbooks").ClickAsync();
        await Assertions.Expect(page.Locator(".flash").First).ToHaveTextAsync("QuickBooks' version was taken into Groundwork.");
        await Assertions.Expect(page.Locator("#quickbooks-panel .sync-state")).ToHaveTextAsync("Synced");
        await Assertions.Expect(page.Locator("#document-lines tbody tr").First).ToContainTextAsync("$12,345.67");

        await page.GotoAsync($"/invoices/{push}");
        await ReloadUntilAsync(page, "#quickbooks-panel .sync-state", "Needs attention");
        var stale = await page.Context.NewPageAsync();
        await stale.GotoAsync($"/invoices/{push}");
        await page.Locator("#push-groundwork").ClickAsync();
        await Assertions.Expect(page.Locator(".flash").First).ToHaveTextAsync("Groundwork's version is queued for QuickBooks.");
        await stale.Locator("#take-quickbooks").ClickAsync();
        await Assertions.Expect(stale.Locator("#drift-refused")).ToContainTextAsync("no changes from QuickBooks to settle");
        await ReloadUntilAsync(page, "#quickbooks-panel .sync-state", "Synced");
        await Assertions.Expect(page.Locator("#sync-audit tbody tr").First).ToContainTextAsync("update Invoice");
        await stale.CloseAsync();
    }

    /// <summary>A credit memo made in the emulator's UI is offered for an offset; a second tab's late click says it is no longer waiting (not "Credit memo 1").</summary>
    private static async Task CreditMemoOffsetAsync(IPage page)
    {
        await page.GotoAsync($"/qbo/ui/{Realm}/invoices");
        var form = page.Locator("form[action$='/do/credit-memo']");
        await form.Locator("select[name=customer]").SelectOptionAsync(new SelectOptionValue { Label = "Tigard Gym" });
        await form.Locator("input[name=amount]").FillAsync("250");
        await form.GetByRole(AriaRole.Button, new() { Name = "Make credit memo" }).ClickAsync();
        await Assertions.Expect(page.GetByText(CreditMemoCreated())).ToBeVisibleAsync();

        await page.GotoAsync("/Settings/Integrations/QuickBooks/CreditMemos");
        var offset = page.Locator("button[id^='offset-']");
        for (var i = 0; i < 30 && await offset.CountAsync() == 0; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Assertions.Expect(offset).ToHaveCountAsync(1);
        var late = await page.Context.NewPageAsync();
        await late.GotoAsync("/Settings/Integrations/QuickBooks/CreditMemos");
        await offset.ClickAsync();
        await Assertions.Expect(page.Locator("#document-total")).ToHaveTextAsync("-$250.00");
        await Assertions.Expect(page.Locator("#quickbooks-panel .sync-state")).ToHaveTextAsync("Synced");

        await late.Locator("button[id^='offset-']").ClickAsync();
        await Assertions.Expect(late.Locator(".validation-summary-errors")).ToHaveTextAsync(
            "This credit memo is not awaiting an offset: it was offset already, or QuickBooks voided or deleted it.");
        await Assertions.Expect(late.Locator("#no-credit-memos")).ToBeVisibleAsync();
        await late.CloseAsync();
    }

    private static async Task BillPaymentAccountAsync(IPage page)
    {
        await page.GotoAsync("/Settings/Integrations/QuickBooks/BillPayments");
        await page.Locator("#save-bill-payment-account").ClickAsync();
        await Assertions.Expect(page.Locator(".validation-summary-errors")).ToContainTextAsync("Choose the bank or credit card account");
        await Assertions.Expect(page.Locator("#bill-payment-account")).ToContainTextAsync("not chosen");
        await page.Locator("#account-id").SelectOptionAsync(new SelectOptionValue { Label = "Checking (Bank)" });
        await page.Locator("#save-bill-payment-account").ClickAsync();
        await Assertions.Expect(page.Locator("#bill-payment-account")).ToContainTextAsync("Checking (Bank)");
        await Assertions.Expect(page.Locator("#account-id option:checked")).ToHaveTextAsync("Checking (Bank)");
    }

    /// <summary>A month that is no month is explained, with no CSV to download; the emulator's own invoices read "An Invoice"; a job narrows it.</summary>
    private static async Task ReconciliationAsync(IPage page)
    {
        await page.GotoAsync("/Settings/Integrations/QuickBooks/Reconciliation?month=2026-13");
        await Assertions.Expect(page.Locator("#reconciliation-errors")).ToContainTextAsync("YYYY-MM");
        await Assertions.Expect(page.Locator("#reconciliation-csv")).ToHaveCountAsync(0);

        await page.Locator("#qbo-nav-reconciliation").ClickAsync();
        var differences = page.Locator("#reconciliation-differences tbody");
        await Assertions.Expect(differences).ToContainTextAsync("An Invoice made in QuickBooks");
        await Assertions.Expect(differences).Not.ToContainTextAsync("A Invoice");
        await Assertions.Expect(page.Locator("#reconciliation-items thead")).ToContainTextAsync("QuickBooks Product/Service");
        var csv = await page.APIRequest.GetAsync((await page.Locator("#reconciliation-csv").GetAttributeAsync("href"))!);
        Assert.True(csv.Ok, $"The reconciliation CSV answered {csv.Status}.");

        await page.Locator("#reconciliation-job").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.Locator("#reconciliation-show").ClickAsync();
        await Assertions.Expect(page.Locator("#reconciliation-verdict")).ToContainTextAsync("Job ");
        await Assertions.Expect(page.Locator("#reconciliation-csv")).ToHaveAttributeAsync("href", new Regex("jobId=\\d+"));
    }

    /// <summary>
    /// The bookkeeper receives a payment in the emulator's UI: "abc" is refused there and pays nothing (it used to pay the
    /// whole balance); a real amount reaches Groundwork as Partially paid, listed as a QuickBooks payment that is Synced.
    /// </summary>
    private static async Task PaymentInQuickBooksUiAsync(IPage page, long id, string number)
    {
        await ReceivePaymentAsync(page, number, "abc", "CHK-BAD");
        await Assertions.Expect(page.GetByText("Enter an amount above 0.00")).ToBeVisibleAsync();
        await Assertions.Expect(InvoiceRow(page, number).Locator("td:nth-child(7)")).ToHaveTextAsync("Open");

        await ReceivePaymentAsync(page, number, "100.00", "CHK-4242");
        await Assertions.Expect(InvoiceRow(page, number).Locator("td:nth-child(7)")).ToHaveTextAsync("Partially paid");
        await page.GotoAsync($"/invoices/{id}");
        await ReloadUntilAsync(page, "#document-status", "PartiallyPaid");
        await page.GotoAsync("/Payments");
        var payment = page.Locator("tr:has(td:text-is('CHK-4242'))");
        await Assertions.Expect(payment.Locator(".payment-source")).ToHaveTextAsync("QuickBooks");
        await Assertions.Expect(payment.Locator(".payment-sync .sync-state")).ToHaveTextAsync(new Regex("^Synced \\(Payment \\d+\\)$"));
    }

    private static ILocator InvoiceRow(IPage page, string number) =>
        page.Locator("table").First.Locator($"tbody tr:has(td:nth-child(2):text-is('{number}'))");

    private static async Task ReceivePaymentAsync(IPage page, string number, string amount, string reference)
    {
        await page.GotoAsync($"/qbo/ui/{Realm}/invoices");
        var form = InvoiceRow(page, number).Locator("form:has(button:text-is('Receive payment'))");
        await form.GetByLabel("Amount").FillAsync(amount);
        await form.GetByLabel("Reference no.").FillAsync(reference);
        await form.GetByRole(AriaRole.Button, new() { Name = "Receive payment" }).ClickAsync();
    }

    private static async Task EditAmountInQuickBooksAsync(IPage page, string number, string amount)
    {
        await page.GotoAsync($"/qbo/ui/{Realm}/invoices");
        var form = InvoiceRow(page, number).Locator("form:has(button:text-is('Edit amount'))");
        await form.Locator("input[name=amount]").FillAsync(amount);
        await form.GetByRole(AriaRole.Button, new() { Name = "Edit amount" }).ClickAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Invoice #\\d+ now totals"))).ToBeVisibleAsync();
    }

    /// <summary>A synced, unpaid, untaxed invoice from Groundwork's API other than <paramref name="keep"/> (skipping the first <paramref name="skip"/>): its id and number.</summary>
    private static async Task<(long Id, string Number)> SyncedInvoiceAsync(IPage page, long keep, int skip)
    {
        var response = await page.APIRequest.GetAsync("/api/v1/invoices?status=Pending&pageSize=200");
        Assert.True(response.Ok, $"GET /api/v1/invoices → {response.Status}");
        using var json = System.Text.Json.JsonDocument.Parse(await response.TextAsync());
        var synced = new List<(long, string)>();
        foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("id").GetInt64();
            if (id == keep) continue;
            var detail = await page.APIRequest.GetAsync($"/api/v1/invoices/{id}");
            using var doc = System.Text.Json.JsonDocument.Parse(await detail.TextAsync());
            var root = doc.RootElement;
            // Untaxed only: QuickBooks recomputes the tax of an edited taxable line at its own rate, and taking a total
            // Groundwork cannot reproduce is (rightly) refused.
            if (root.GetProperty("sync").GetProperty("state").GetString() == "synced" && root.GetProperty("totalCents").GetInt64() > 0
                && root.GetProperty("lines").EnumerateArray().All(l => !l.GetProperty("taxable").GetBoolean()))
                synced.Add((id, root.GetProperty("number").GetString()!));
            if (synced.Count > skip) return synced[skip];
        }
        throw new InvalidOperationException($"Fewer than {skip + 1} synced pending invoices.");
    }

    private static async Task<long> DraftInvoiceAsync(IPage page) => await FirstInvoiceAsync(page, "Draft");

    private static async Task<long> PaidInvoiceAsync(IPage page) => await FirstInvoiceAsync(page, "PartiallyPaid");

    private static async Task<long> FirstInvoiceAsync(IPage page, string status)
    {
        var response = await page.APIRequest.GetAsync($"/api/v1/invoices?status={status}&pageSize=1");
        Assert.True(response.Ok, $"GET /api/v1/invoices?status={status} → {response.Status}");
        using var json = System.Text.Json.JsonDocument.Parse(await response.TextAsync());
        return json.RootElement.GetProperty("items")[0].GetProperty("id").GetInt64();
    }

    /// <summary>The owner adds a member with <paramref name="role"/> on the Members page; a new browser context signs in with the one-time password shown.</summary>
    private async Task<IPage> MemberPageAsync(IPage owner, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@summitridge.example";
        await owner.GotoAsync("/Settings/Members");
        await owner.Locator("#Email").FillAsync(email);
        await owner.Locator("#Role").SelectOptionAsync(role);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add member" }).ClickAsync();
        var password = (await owner.Locator("#one-time-password code").InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(password), "The Members page showed no one-time password.");

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseAddress.ToString() });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
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

    /// <summary>Status back arrives by webhook within seconds; the page does not poll, so the user reloads (within 30 seconds).</summary>
    private static async Task ReloadUntilAsync(IPage page, string selector, string text)
    {
        var shown = page.Locator(selector).First;
        for (var i = 0; i < 30 && (await shown.InnerTextAsync()).Trim() != text; i++)
        {
            await Task.Delay(1000);
            await page.ReloadAsync();
        }
        await Assertions.Expect(shown).ToHaveTextAsync(text);
    }

    [GeneratedRegex(@"^Credit memo \d+ created\.$")]
    private static partial Regex CreditMemoCreated();
}
