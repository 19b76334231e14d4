using System.Net;
using AngleSharp.Dom;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>The invoice and bill form as a browser posts it: line rows, amounts as people type them.</summary>
[Trait("Category", "Database")]
public sealed class DocumentEditPageTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private async Task<(HttpClient Browser, HttpClient Api, long JobId)> ArrangeAsync()
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, _) = await api.CreateJobAsync();
        return (await app.BrowserClientAsync(user), api, jobId);
    }

    private static int LineRows(IDocument page) => page.QuerySelectorAll("input[aria-label$=' name'][name^='Input.Lines']").Length;

    [Fact]
    public async Task InvoiceForm_FailedSaveTwice_KeepsTheUsersLinesAndNoMoreBlankRowsThanAFreshForm()
    {
        var (browser, api, _) = await ArrangeAsync();
        var fresh = await browser.GetPageAsync("/invoices/new");
        Assert.Equal(3, LineRows(fresh));

        // No job chosen: the save fails; the user's one line stays and the blank rows do not pile up.
        var first = await browser.SubmitAsync(fresh.Form(), new() { ["Input.Lines[0].Name"] = "Framing", ["Input.Lines[0].UnitAmount"] = "250" }, "Save draft");
        var firstPage = await first.ParseAsync();
        var second = await (await browser.SubmitAsync(firstPage.Form(), button: "Save draft")).ParseAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Choose a job.", firstPage.Errors(), StringComparison.Ordinal);
        Assert.Equal(4, LineRows(firstPage));
        Assert.Equal(4, LineRows(second));
        Assert.Equal("Framing", second.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.Lines[0].Name']")!.Value);
        Assert.Equal(0, await api.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task InvoiceForm_AddLines_AddsThreeBlankRowsEachTime()
    {
        var (browser, _, _) = await ArrangeAsync();
        var fresh = await browser.GetPageAsync("/invoices/new");

        var once = await (await browser.SubmitAsync(fresh.Form(), button: "Add lines")).ParseAsync();
        var twice = await (await browser.SubmitAsync(once.Form(), button: "Add lines")).ParseAsync();

        Assert.Equal(6, LineRows(once));
        Assert.Equal(9, LineRows(twice));
        Assert.Equal("", twice.Errors());
    }

    [Theory]
    [InlineData("$1,000.00", 100_000)]
    [InlineData("1,000", 100_000)]
    [InlineData(" 1000.5 ", 100_050)]
    [InlineData("-$25.10", -2_510)]
    public async Task InvoiceForm_UnitPriceAsPeopleTypeIt_IsSavedAsThatAmount(string typed, long cents)
    {
        var (browser, api, jobId) = await ArrangeAsync();
        var form = (await browser.GetPageAsync("/invoices/new")).Form();

        var response = await browser.SubmitAsync(form, new()
        {
            ["Input.JobId"] = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Lines[0].Name"] = "Framing", ["Input.Lines[0].UnitAmount"] = typed,
        }, "Save draft");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.ParseAsync()).Errors());
        var id = long.Parse(response.Headers.Location!.ToString().Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        var invoice = await api.GetJsonAsync($"/api/v1/invoices/{id}");
        Assert.Equal(cents, invoice.GetProperty("lines")[0].GetProperty("unitAmountCents").GetInt64());
    }

    [Theory]
    [InlineData("12abc")]
    [InlineData("1,00")]
    [InlineData("$")]
    [InlineData("1.000,00")]
    public async Task InvoiceForm_UnitPriceThatIsNotAnAmount_IsRefusedWithItsLineAndSavesNothing(string typed)
    {
        var (browser, api, jobId) = await ArrangeAsync();
        var form = (await browser.GetPageAsync("/invoices/new")).Form();

        var response = await browser.SubmitAsync(form, new()
        {
            ["Input.JobId"] = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Lines[0].Name"] = "Framing", ["Input.Lines[1].Name"] = "Trim", ["Input.Lines[1].UnitAmount"] = typed,
        }, "Save draft");

        var page = await response.ParseAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Line 2: '{typed}' is not an amount", page.Errors(), StringComparison.Ordinal);
        Assert.DoesNotContain("UnitAmount", page.Errors(), StringComparison.Ordinal);
        Assert.Equal(typed, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("[name='Input.Lines[1].UnitAmount']")!.Value);
        Assert.Equal(0, await api.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task InvoiceForm_QuantityThatIsNotANumber_IsRefusedWithItsLine()
    {
        var (browser, api, jobId) = await ArrangeAsync();
        var form = (await browser.GetPageAsync("/invoices/new")).Form();

        var response = await browser.SubmitAsync(form, new()
        {
            ["Input.JobId"] = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Lines[0].Name"] = "Framing", ["Input.Lines[0].Quantity"] = "two",
        }, "Save draft");

        var errors = (await response.ParseAsync()).Errors();
        Assert.Contains("Line 1: 'two' is not a quantity", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Quantity.", errors, StringComparison.Ordinal);
        Assert.Equal(0, await api.CountAsync("/api/v1/invoices"));
    }
}
