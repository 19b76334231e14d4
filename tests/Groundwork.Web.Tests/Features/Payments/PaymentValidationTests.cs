using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Payments;

[Trait("Category", "Database")]
public sealed class PaymentValidationTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private async Task<(HttpClient Client, long JobId)> ArrangeAsync()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        return (client, jobId);
    }

    private static async Task AssertUnpaidAsync(HttpClient client, string url)
    {
        var document = await client.GetJsonAsync(url);
        Assert.Equal(0, document.Cents("paidCents"));
        var payments = await client.GetJsonAsync($"/api/v1/payments?documentId={document.Id()}");
        Assert.Empty(payments.EnumerateArray());
    }

    [Fact]
    public async Task Payment_LargerThanBalance_IsRefusedOnAmount()
    {
        var (client, jobId) = await ArrangeAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m);

        var response = await client.PayAsync((invoice.Id(), 100.01m));

        var messages = await response.AssertInvalidAsync("applications[0].amount");
        Assert.Contains(messages, m => m.Contains("balance of $100.00", StringComparison.Ordinal));
        await AssertUnpaidAsync(client, $"/api/v1/invoices/{invoice.Id()}");
    }

    [Fact]
    public async Task Payment_LargerThanRemainingBalance_IsRefused()
    {
        var (client, jobId) = await ArrangeAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m);
        Assert.Equal(HttpStatusCode.Created, (await client.PayAsync((invoice.Id(), 60m))).StatusCode);

        await (await client.PayAsync((invoice.Id(), 40.01m))).AssertInvalidAsync("applications[0].amount");

        var reread = await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}");
        Assert.Equal(6_000, reread.Cents("paidCents"));
        Assert.Equal("PartiallyPaid", reread.Status());
    }

    [Fact]
    public async Task Payment_OnDraftInvoice_IsRefused()
    {
        var (client, jobId) = await ArrangeAsync();
        var draft = await client.CreateInvoiceAsync(jobId, 100m, finalize: false);

        var messages = await (await client.PayAsync((draft.Id(), 10m))).AssertInvalidAsync("applications[0].amount");

        Assert.Contains(messages, m => m.Contains("is Draft", StringComparison.Ordinal));
        await AssertUnpaidAsync(client, $"/api/v1/invoices/{draft.Id()}");
        Assert.Equal("Draft", (await client.GetJsonAsync($"/api/v1/invoices/{draft.Id()}")).Status());
    }

    [Fact]
    public async Task Payment_OnDraftBill_IsRefused()
    {
        var (client, jobId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, (await client.CreateVendorAsync()).Id(), 100m, approve: false);

        await (await client.PayAsync((bill.Id(), 10m))).AssertInvalidAsync("applications[0].amount");

        await AssertUnpaidAsync(client, $"/api/v1/bills/{bill.Id()}");
    }

    [Fact]
    public async Task Payment_SameDocumentTwice_IsRefusedOnApplications()
    {
        var (client, jobId) = await ArrangeAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m);

        var response = await client.PayAsync((invoice.Id(), 10m), (invoice.Id(), 20m));

        Assert.Contains("A document can appear only once in a payment.", await response.AssertInvalidAsync("applications"));
        await AssertUnpaidAsync(client, $"/api/v1/invoices/{invoice.Id()}");
    }

    [Fact]
    public async Task Payment_MixingInvoicesAndBills_IsRefusedAndWritesNothing()
    {
        var (client, jobId) = await ArrangeAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m);
        var bill = await client.CreateBillAsync(jobId, (await client.CreateVendorAsync()).Id(), 100m);

        var response = await client.PayAsync((invoice.Id(), 10m), (bill.Id(), 10m));

        Assert.Contains("A payment applies either to invoices or to bills, not both.", await response.AssertInvalidAsync("applications"));
        await AssertUnpaidAsync(client, $"/api/v1/invoices/{invoice.Id()}");
        await AssertUnpaidAsync(client, $"/api/v1/bills/{bill.Id()}");
        Assert.Empty((await client.GetJsonAsync("/api/v1/payments")).EnumerateArray());
    }

    [Fact]
    public async Task Payment_OneBadApplication_RefusesTheWholePayment()
    {
        var (client, jobId) = await ArrangeAsync();
        var first = await client.CreateInvoiceAsync(jobId, 100m);
        var second = await client.CreateInvoiceAsync(jobId, 50m);

        var response = await client.PayAsync((first.Id(), 100m), (second.Id(), 50.01m));

        await response.AssertInvalidAsync("applications[1].amount");
        await AssertUnpaidAsync(client, $"/api/v1/invoices/{first.Id()}");
        Assert.Equal("Pending", (await client.GetJsonAsync($"/api/v1/invoices/{first.Id()}")).Status());
    }

    [Fact]
    public async Task Payment_AcrossTwoInvoices_PaysEach()
    {
        var (client, jobId) = await ArrangeAsync();
        var first = await client.CreateInvoiceAsync(jobId, 100m);
        var second = await client.CreateInvoiceAsync(jobId, 50m);

        var payment = await client.CreateAsync("/api/v1/payments", new
        {
            method = "Ach", reference = "ACH-42",
            applications = new[] { new { documentId = first.Id(), amount = 100m }, new { documentId = second.Id(), amount = 20m } },
        });

        Assert.Equal(12_000, payment.Cents("amountCents"));
        Assert.Equal("Paid", (await client.GetJsonAsync($"/api/v1/invoices/{first.Id()}")).Status());
        Assert.Equal("PartiallyPaid", (await client.GetJsonAsync($"/api/v1/invoices/{second.Id()}")).Status());
    }

    [Fact]
    public async Task Payment_AcrossTwoInvoicesDeleted_ReopensBoth()
    {
        var (client, jobId) = await ArrangeAsync();
        var first = await client.CreateInvoiceAsync(jobId, 100m);
        var second = await client.CreateInvoiceAsync(jobId, 50m);
        var payment = await client.CreateAsync("/api/v1/payments", new
        {
            method = "Wire",
            applications = new[] { new { documentId = first.Id(), amount = 100m }, new { documentId = second.Id(), amount = 50m } },
        });

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/payments/{payment.Id()}")).StatusCode);

        foreach (var id in new[] { first.Id(), second.Id() })
        {
            var reread = await client.GetJsonAsync($"/api/v1/invoices/{id}");
            Assert.Equal("Pending", reread.Status());
            Assert.Equal(0, reread.Cents("paidCents"));
            Assert.Equal(["Draft", "Pending", "Paid", "Pending"], reread.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList());
        }
        Assert.Empty((await client.GetJsonAsync("/api/v1/payments")).EnumerateArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1.001)]
    public async Task Payment_AmountNotPositiveOrTooPrecise_IsRefusedOnAmount(double amount)
    {
        var (client, jobId) = await ArrangeAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m);

        await (await client.PayAsync((invoice.Id(), (decimal)amount))).AssertInvalidAsync("applications[0].amount");

        await AssertUnpaidAsync(client, $"/api/v1/invoices/{invoice.Id()}");
    }

    [Fact]
    public async Task Payment_AmountBeyondLongCents_IsRefusedNotAServerError()
    {
        var (client, jobId) = await ArrangeAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m);
        var json = $$"""{"method":"Check","applications":[{"documentId":{{invoice.Id()}},"amount":100000000000000000000}]}""";

        var response = await client.PostAsync("/api/v1/payments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        await AssertUnpaidAsync(client, $"/api/v1/invoices/{invoice.Id()}");
    }

    [Fact]
    public async Task Payment_NoApplicationsOrUnknownMethod_IsRefused()
    {
        var (client, _) = await ArrangeAsync();

        var none = await client.PostJsonAsync("/api/v1/payments", new { method = "Check", applications = Array.Empty<object>() });
        var method = await client.PostJsonAsync("/api/v1/payments", new { method = 99, applications = Array.Empty<object>() });

        await none.AssertInvalidAsync("applications");
        await method.AssertInvalidAsync("method");
    }

    [Fact]
    public async Task Payment_Unknown_DeleteIsNotFound()
    {
        var (client, _) = await ArrangeAsync();

        await (await client.DeleteAsync("/api/v1/payments/987654")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
