using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Log;

/// <summary>Settings → Integrations → QuickBooks → Transactions log: read-only for Accountants, closed to Members.</summary>
[Trait("Category", "Database")]
public sealed class SyncLogPageTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task LogPage_ForAnAccountant_ListsTheRequestsWithDocumentLinks()
    {
        var owner = await app.PushOwnerAsync();
        var pushed = await owner.PushedInvoiceAsync();
        var refused = await owner.RefusedInvoiceAsync();
        var accountant = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.User.OrganizationId));

        var page = await accountant.GetPageAsync(LogTestData.PagePath);

        Assert.Equal("page", page.QuerySelector("#qbo-nav-log")?.GetAttribute("aria-current"));
        var rows = page.QuerySelectorAll("#log tbody tr[data-log-id]");
        Assert.Equal(4, rows.Length);
        var create = rows.Single(r => r.TextContent.Contains($"gw-{pushed.InvoiceId}-0-create", StringComparison.Ordinal));
        Assert.Equal($"/invoices/{pushed.InvoiceId}", create.QuerySelector("a")?.GetAttribute("href"));
        Assert.DoesNotContain("flagged", create.ClassName ?? "");
        var check = rows.Single(r => r.TextContent.Contains("Refused before sending", StringComparison.Ordinal));
        Assert.Equal($"/invoices/{refused}", check.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("flagged", check.ClassName);
        Assert.Contains("(colon)", check.TextContent);
        var customer = rows.Single(r => r.TextContent.Contains($"gw-customer-{pushed.CustomerId}-0-create", StringComparison.Ordinal));
        Assert.Null(customer.QuerySelector("a"));
        Assert.Equal(LogTestData.CsvUrl, page.QuerySelector("#log-csv")?.GetAttribute("href"));
    }

    [Fact]
    public async Task LogPage_Filters_NarrowTheTableAndTheCsvLinkCarriesThem()
    {
        var owner = await app.PushOwnerAsync();
        await owner.PushedInvoiceAsync();
        await owner.RefusedInvoiceAsync();

        var page = await owner.Browser.GetPageAsync(LogTestData.PagePath + "?q=colon&kind=invoice&errorsOnly=true");

        var row = Assert.Single(page.QuerySelectorAll("#log tbody tr[data-log-id]"));
        Assert.Contains("Refused before sending", row.TextContent);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#log-errors-only")!.IsChecked);
        Assert.Equal("invoice", page.QuerySelector<IHtmlSelectElement>("#log-kind")!.Value);
        Assert.Equal("colon", page.QuerySelector<IHtmlInputElement>("#log-search")!.Value);
        var csvLink = page.QuerySelector("#log-csv")!.GetAttribute("href")!;
        Assert.Equal(LogTestData.CsvUrl + "?q=colon&kind=invoice&errorsOnly=true", csvLink);
        // The link works for the signed-in browser, and the file holds what the table shows.
        var csv = LogTestData.ReadCsv(await owner.Browser.GetStringAsync(csvLink));
        Assert.Equal(2, csv.Count);
        Assert.Equal("refused", csv[1][8]);
        var unknown = await owner.Browser.GetPageAsync(LogTestData.PagePath + "?kind=widget");
        Assert.Contains("Unknown kind", unknown.Errors());
    }

    [Fact]
    public async Task LogPage_APushedPayment_IsNamedOnce_AndTheKindFilterFindsPayments()
    {
        var owner = await app.PushOwnerAsync();
        var (invoiceId, _) = await owner.SyncedInvoiceAsync(40m);
        var paymentId = (await owner.Api.RecordPaymentAsync(null, (invoiceId, 40m))).Id();
        await owner.Api.PaymentSyncAsync(paymentId, "synced");

        var page = await owner.Browser.GetPageAsync(LogTestData.PagePath + "?kind=payment");

        Assert.Empty(page.Errors());
        Assert.Equal("payment", page.QuerySelector<IHtmlSelectElement>("#log-kind")!.Value);
        var row = Assert.Single(page.QuerySelectorAll("#log tbody tr[data-log-id]"));
        Assert.Equal($"Payment {paymentId}", row.QuerySelector("td:nth-child(2)")!.TextContent.Trim());
        Assert.Contains($"gw-pay-{paymentId}-0-create", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogPage_Pager_KeepsTheFiltersAndMovesThroughTheLog()
    {
        var owner = await app.PushOwnerAsync();
        await owner.PushedInvoiceAsync();

        var first = await owner.Browser.GetPageAsync(LogTestData.PagePath + "?pageSize=2");
        var next = first.QuerySelectorAll(".pager a").Single(a => a.TextContent.Contains("Next", StringComparison.Ordinal)).GetAttribute("href")!;
        var second = await owner.Browser.GetPageAsync(next);

        Assert.Contains("pageSize=2", next);
        Assert.Contains("page=2", next);
        var firstIds = first.QuerySelectorAll("#log tbody tr[data-log-id]").Select(r => r.GetAttribute("data-log-id")).ToList();
        var secondIds = second.QuerySelectorAll("#log tbody tr[data-log-id]").Select(r => r.GetAttribute("data-log-id")).ToList();
        Assert.Equal(2, firstIds.Count);
        Assert.Single(secondIds);
        Assert.DoesNotContain(secondIds[0], firstIds);
    }

    [Fact]
    public async Task LogPage_IsClosedToMembers_AndEmptyForAnotherOrganization()
    {
        var owner = await app.PushOwnerAsync();
        await owner.PushedInvoiceAsync();
        var member = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.User.OrganizationId));
        var stranger = await app.BrowserClientAsync(await app.CreateUserAsync(OrganizationRole.Owner));

        var denied = await member.GetAsync(LogTestData.PagePath);
        var empty = await stranger.GetPageAsync(LogTestData.PagePath);

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal("/account/denied", denied.Headers.Location?.AbsolutePath, StringComparer.OrdinalIgnoreCase);
        Assert.Empty(empty.QuerySelectorAll("#log tbody tr[data-log-id]"));
        Assert.NotNull(empty.QuerySelector("#log-empty"));
    }
}
