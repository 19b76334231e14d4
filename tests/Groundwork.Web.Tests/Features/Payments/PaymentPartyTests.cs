using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Payments;

/// <summary>QBO's Payment and BillPayment name one customer or one vendor, so a Groundwork payment does too.</summary>
[Trait("Category", "Database")]
public sealed class PaymentPartyTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task Payment_InvoicesOfTwoCustomers_IsRefusedAndNothingIsPaid()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (firstJob, _, _) = await client.CreateJobAsync("A ");
        var (secondJob, _, _) = await client.CreateJobAsync("B ");
        var first = await client.CreateInvoiceAsync(firstJob, 100m);
        var second = await client.CreateInvoiceAsync(secondJob, 100m);

        var response = await client.PayAsync((first.Id(), 10m), (second.Id(), 10m));

        var messages = await response.AssertInvalidAsync("applications");
        Assert.Contains(messages, m => m.Contains("one customer", StringComparison.Ordinal));
        Assert.Empty((await client.GetJsonAsync("/api/v1/payments")).EnumerateArray());
        Assert.Equal(0, (await client.GetJsonAsync($"/api/v1/invoices/{second.Id()}")).Cents("paidCents"));
    }

    [Fact]
    public async Task Payment_BillsOfTwoVendors_IsRefused()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var first = await client.CreateBillAsync(jobId, (await client.CreateVendorAsync("A ")).Id(), 100m);
        var second = await client.CreateBillAsync(jobId, (await client.CreateVendorAsync("B ")).Id(), 100m);

        var response = await client.PayAsync((first.Id(), 10m), (second.Id(), 10m));

        Assert.Contains(await response.AssertInvalidAsync("applications"), m => m.Contains("one vendor", StringComparison.Ordinal));
        Assert.Empty((await client.GetJsonAsync("/api/v1/payments")).EnumerateArray());
    }

    [Fact]
    public async Task Payment_TwoInvoicesOfOneCustomerOnTwoJobs_IsRecorded()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, locationId, _) = await client.CreateJobAsync();
        var otherJob = await client.CreateAsync("/api/v1/jobs", new { number = "J-OTHER", name = "Other", locationId });
        var first = await client.CreateInvoiceAsync(jobId, 100m);
        var second = await client.CreateInvoiceAsync(otherJob.Id(), 100m);

        var payment = await client.CreateAsync("/api/v1/payments", new
        {
            method = "Check",
            applications = new[] { new { documentId = first.Id(), amount = 100m }, new { documentId = second.Id(), amount = 40m } },
        });

        Assert.Equal(14_000, payment.Cents("amountCents"));
    }
}
