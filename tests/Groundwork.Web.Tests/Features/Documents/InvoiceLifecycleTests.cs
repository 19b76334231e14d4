using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

[Trait("Category", "Database")]
public sealed class InvoiceLifecycleTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task Invoice_DraftFinalizePartialPaidDeletedVoid_FollowsTheLifecycle()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync(taxRate: 10m);
        var invoice = await client.CreateAsync("/api/v1/invoices", new
        {
            jobId,
            lines = new object[]
            {
                new { name = "Framing", quantity = 10, unitAmount = 50.00m, taxable = false },
                new { name = "Lumber", quantity = 2, unitAmount = 125.50m, taxable = true },
            },
        });
        Assert.Equal("Draft", invoice.GetProperty("status").GetString());
        Assert.Equal(75_100, invoice.GetProperty("subtotalCents").GetInt64());
        Assert.Equal(2_510, invoice.GetProperty("taxCents").GetInt64());
        Assert.Equal(77_610, invoice.GetProperty("totalCents").GetInt64());
        var id = invoice.Id();

        var finalized = await (await client.PostJsonAsync($"/api/v1/invoices/{id}/finalize", new { })).ReadJsonAsync();
        Assert.Equal("Pending", finalized.GetProperty("status").GetString());

        var partial = await client.CreateAsync("/api/v1/payments", new { method = "Check", applications = new[] { new { documentId = id, amount = 100.10m } } });
        Assert.Equal(10_010, partial.GetProperty("amountCents").GetInt64());
        var afterPartial = await (await client.GetAsync($"/api/v1/invoices/{id}")).ReadJsonAsync();
        Assert.Equal("PartiallyPaid", afterPartial.GetProperty("status").GetString());
        Assert.Equal(67_600, afterPartial.GetProperty("balanceCents").GetInt64());

        await client.CreateAsync("/api/v1/payments", new { method = "Ach", applications = new[] { new { documentId = id, amount = 676.00m } } });
        var paid = await (await client.GetAsync($"/api/v1/invoices/{id}")).ReadJsonAsync();
        Assert.Equal("Paid", paid.GetProperty("status").GetString());
        Assert.Equal(0, paid.GetProperty("balanceCents").GetInt64());

        var deleted = await client.DeleteAsync($"/api/v1/payments/{partial.Id()}");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var reopened = await (await client.GetAsync($"/api/v1/invoices/{id}")).ReadJsonAsync();
        Assert.Equal("PartiallyPaid", reopened.GetProperty("status").GetString());
        Assert.Equal(10_010, reopened.GetProperty("balanceCents").GetInt64());

        var history = reopened.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Draft", "Pending", "PartiallyPaid", "Paid", "PartiallyPaid"], history);
    }
}
