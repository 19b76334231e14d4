using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Payments;

/// <summary>The payment form as a browser posts it: amounts as people type them.</summary>
[Trait("Category", "Database")]
public sealed class PaymentPageTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private async Task<(HttpClient Browser, HttpClient Api, long InvoiceId)> ArrangeAsync(decimal amount)
    {
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var api = await app.ApiClientAsync(user);
        var (jobId, _, _) = await api.CreateJobAsync();
        var invoice = await api.CreateInvoiceAsync(jobId, amount);
        return (await app.BrowserClientAsync(user), api, invoice.Id());
    }

    [Theory]
    [InlineData("$1,000.00", 100_000)]
    [InlineData("1,000", 100_000)]
    [InlineData(" 1000.5 ", 100_050)]
    public async Task PaymentForm_AmountAsPeopleTypeIt_IsRecordedAsThatAmount(string typed, long cents)
    {
        var (browser, api, invoiceId) = await ArrangeAsync(2_000m);
        var form = (await browser.GetPageAsync($"/Payments/New?documentId={invoiceId}")).Form();

        var response = await browser.SubmitAsync(form, new() { ["Amounts[0].Amount"] = typed }, "Record payment");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.ParseAsync()).Errors());
        Assert.Equal(cents, (await api.GetJsonAsync($"/api/v1/invoices/{invoiceId}")).Cents("paidCents"));
    }

    [Theory]
    [InlineData("12abc")]
    [InlineData("1,00")]
    [InlineData("$")]
    public async Task PaymentForm_AmountThatIsNotAnAmount_IsRefusedNamingTheDocumentAndRecordsNothing(string typed)
    {
        var (browser, api, invoiceId) = await ArrangeAsync(2_000m);
        var number = (await api.GetJsonAsync($"/api/v1/invoices/{invoiceId}")).GetProperty("number").GetString();
        var form = (await browser.GetPageAsync($"/Payments/New?documentId={invoiceId}")).Form();

        var response = await browser.SubmitAsync(form, new() { ["Amounts[0].Amount"] = typed }, "Record payment");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{number}: '{typed}' is not an amount", (await response.ParseAsync()).Errors(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.GetJsonAsync($"/api/v1/invoices/{invoiceId}")).Cents("paidCents"));
    }
}
