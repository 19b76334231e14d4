using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>Totals stay representable: a document past the limits is refused with a 400, never stored wrong or answered with a 500.</summary>
[Trait("Category", "Database")]
public sealed class DocumentLimitsTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static object[] Lines(int count, decimal quantity = 1, decimal unitAmount = 10m, bool taxable = false) =>
        Enumerable.Range(0, count).Select(i => (object)new { name = $"Line {i}", quantity, unitAmount, taxable }).ToArray();

    [Fact]
    public async Task Invoice_TwelveMaximalTaxableLines_IsRefusedNotStoredWithNegativeTax()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync(taxRate: 30m);

        var response = await client.PostJsonAsync("/api/v1/invoices",
            new { jobId, lines = Lines(12, quantity: 1_000_000m, unitAmount: 10_000_000m, taxable: true) });

        var messages = await response.AssertInvalidAsync("lines[11].unitAmount");
        Assert.Contains(messages, m => m.Contains("$1,000,000,000.00", StringComparison.Ordinal));
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Theory]
    [InlineData(0, 2, 600_000)]
    [InlineData(30, 1, 900_000)]
    public async Task Invoice_LinesWithinLimitsTotallingMore_IsRefusedOnLines(decimal taxRate, int lines, decimal unitAmount)
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync(taxRate: taxRate);

        var response = await client.PostJsonAsync("/api/v1/invoices",
            new { jobId, lines = Lines(lines, quantity: 1_000m, unitAmount: unitAmount, taxable: true) });

        Assert.Contains(await response.AssertInvalidAsync("lines"), m => m.Contains("at most $1,000,000,000.00", StringComparison.Ordinal));
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_OneLineAboveTheLargestAmount_IsRefusedOnThatLine()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        var response = await client.PostJsonAsync("/api/v1/invoices",
            new { jobId, lines = new object[] { new { name = "Ok", quantity = 1, unitAmount = 5m }, new { name = "Huge", quantity = 1_000m, unitAmount = 1_000_001m } } });

        await response.AssertInvalidAsync("lines[1].unitAmount");
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_AtTheLargestTotal_IsAcceptedWithExactTax()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync(taxRate: 25m);

        // 800,000,000.00 taxable at 25 % → 200,000,000.00 tax → exactly the largest total.
        var invoice = await client.CreateAsync("/api/v1/invoices",
            new { jobId, lines = Lines(8, quantity: 10m, unitAmount: 10_000_000m, taxable: true) });

        Assert.Equal(80_000_000_000L, invoice.Cents("subtotalCents"));
        Assert.Equal(20_000_000_000L, invoice.Cents("taxCents"));
        Assert.Equal(Limits.LargestAmountCents, invoice.Cents("totalCents"));
    }

    [Fact]
    public async Task Invoice_MoreLinesThanTheLimit_IsRefusedOnLines()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        var tooMany = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = Lines(Limits.DocumentLines + 1) });
        var atLimit = await client.CreateAsync("/api/v1/invoices", new { jobId, lines = Lines(Limits.DocumentLines) });

        Assert.Contains(await tooMany.AssertInvalidAsync("lines"), m => m.Contains(Limits.DocumentLines.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.Equal(Limits.DocumentLines, atLimit.GetProperty("lines").GetArrayLength());
        Assert.Equal(1, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Bill_TwentyThousandLines_IsRefusedNotStored()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var vendor = await client.CreateVendorAsync();

        var response = await client.PostJsonAsync("/api/v1/bills", new { jobId, vendorId = vendor.Id(), lines = Lines(20_000, unitAmount: 10_000_000m) });

        await response.AssertInvalidAsync("lines");
        Assert.Equal(0, await client.CountAsync("/api/v1/bills"));
    }

    [Fact]
    public async Task HomePage_FinalizedInvoicesAtTheLargestTotal_AreSummedNotAServerError()
    {
        var user = await app.CreateUserAsync(Web.Features.Organizations.OrganizationRole.Member);
        var client = await app.ApiClientAsync(user);
        var (jobId, _, _) = await client.CreateJobAsync();
        for (var i = 0; i < 3; i++)
        {
            await LargestInvoiceAsync(client, jobId);
        }

        var response = await (await app.BrowserClientAsync(user)).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("$3,000,000,000.00", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Payment_AppliedAboveTheLargestAmountInTotal_IsRefused()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var first = await LargestInvoiceAsync(client, jobId);
        var second = await LargestInvoiceAsync(client, jobId);

        var response = await client.PayAsync((first.Id(), 1_000_000_000m), (second.Id(), 1_000_000_000m));

        await response.AssertInvalidAsync("applications");
        Assert.Empty((await client.GetJsonAsync("/api/v1/payments")).EnumerateArray());
    }

    private static async Task<System.Text.Json.JsonElement> LargestInvoiceAsync(HttpClient client, long jobId)
    {
        var invoice = await client.CreateAsync("/api/v1/invoices", new { jobId, lines = Lines(1, quantity: 1_000m, unitAmount: 1_000_000m) });
        return await client.ActAsync($"/api/v1/invoices/{invoice.Id()}/finalize");
    }
}
