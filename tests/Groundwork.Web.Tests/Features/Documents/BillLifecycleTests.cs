using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

[Trait("Category", "Database")]
public sealed class BillLifecycleTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private async Task<(HttpClient Client, long JobId, long VendorId)> ArrangeAsync()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync(taxRate: 10m);
        var vendor = await client.CreateVendorAsync();
        return (client, jobId, vendor.Id());
    }

    [Fact]
    public async Task Bill_DraftApprovePartialPaidDeleted_ReopensAsPartiallyPaid()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateAsync("/api/v1/bills", new
        {
            jobId,
            vendorId,
            lines = new object[]
            {
                new { name = "Concrete", quantity = 4, unitAmount = 150.25m, taxable = false },
                new { name = "Rebar", quantity = 2, unitAmount = 99.75m, taxable = true },
            },
        });
        Assert.Equal("Draft", bill.Status());
        Assert.Equal(80_050, bill.Cents("totalCents"));
        Assert.Equal(0, bill.Cents("taxCents"));
        Assert.Equal(vendorId, bill.GetProperty("vendorId").GetInt64());
        var id = bill.Id();

        Assert.Equal("Approved", (await client.ActAsync($"/api/v1/bills/{id}/approve")).Status());

        var partial = await client.PayAsync((id, 300.50m));
        Assert.Equal(HttpStatusCode.Created, partial.StatusCode);
        var partialPayment = await partial.ReadJsonAsync();
        Assert.Equal("Bill", partialPayment.GetProperty("kind").GetString());
        var afterPartial = await client.GetJsonAsync($"/api/v1/bills/{id}");
        Assert.Equal("PartiallyPaid", afterPartial.Status());
        Assert.Equal(50_000, afterPartial.Cents("balanceCents"));

        Assert.Equal(HttpStatusCode.Created, (await client.PayAsync((id, 500m))).StatusCode);
        var paid = await client.GetJsonAsync($"/api/v1/bills/{id}");
        Assert.Equal("Paid", paid.Status());
        Assert.Equal(0, paid.Cents("balanceCents"));

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/v1/payments/{partialPayment.Id()}")).StatusCode);
        var reopened = await client.GetJsonAsync($"/api/v1/bills/{id}");
        Assert.Equal("PartiallyPaid", reopened.Status());
        Assert.Equal(30_050, reopened.Cents("balanceCents"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/payments/{partialPayment.Id()}")).StatusCode);

        var history = reopened.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Draft", "Approved", "PartiallyPaid", "Paid", "PartiallyPaid"], history);
    }

    [Fact]
    public async Task Bill_LastPaymentDeleted_ReturnsToApproved()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 120m);
        var payment = await (await client.PayAsync((bill.Id(), 120m))).ReadJsonAsync();
        Assert.Equal("Paid", (await client.GetJsonAsync($"/api/v1/bills/{bill.Id()}")).Status());

        await client.DeleteAsync($"/api/v1/payments/{payment.Id()}");

        var reopened = await client.GetJsonAsync($"/api/v1/bills/{bill.Id()}");
        Assert.Equal("Approved", reopened.Status());
        Assert.Equal(12_000, reopened.Cents("balanceCents"));
    }

    [Fact]
    public async Task Bill_Rejected_CannotBePaidButCanBeApprovedAgain()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 75m, approve: false);

        Assert.Equal("Rejected", (await client.ActAsync($"/api/v1/bills/{bill.Id()}/reject")).Status());
        await (await client.PayAsync((bill.Id(), 10m))).AssertInvalidAsync("applications[0].amount");

        var approved = await client.ActAsync($"/api/v1/bills/{bill.Id()}/approve");
        Assert.Equal("Approved", approved.Status());
        Assert.Equal(0, approved.Cents("paidCents"));
        var history = approved.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Draft", "Rejected", "Approved"], history);
    }

    [Fact]
    public async Task Bill_ApprovedAndUnpaid_CanBeRejected()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 75m);

        Assert.Equal("Rejected", (await client.ActAsync($"/api/v1/bills/{bill.Id()}/reject")).Status());
    }

    [Fact]
    public async Task Bill_PartiallyPaid_CannotBeRejected()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 75m);
        await client.PayAsync((bill.Id(), 25m));

        var response = await client.PostJsonAsync($"/api/v1/bills/{bill.Id()}/reject", new { });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("PartiallyPaid", (await client.GetJsonAsync($"/api/v1/bills/{bill.Id()}")).Status());
    }

    [Fact]
    public async Task Bill_ApprovedTwice_SecondIsConflict()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 75m);

        var problem = await (await client.PostJsonAsync($"/api/v1/bills/{bill.Id()}/approve", new { })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("Approved", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Bill_Unpaid_CanBeVoidedAndThenNotPaid(bool approved)
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 64m, approve: approved);

        var voided = await client.ActAsync($"/api/v1/bills/{bill.Id()}/void");

        Assert.Equal("Void", voided.Status());
        await (await client.PayAsync((bill.Id(), 1m))).AssertInvalidAsync("applications[0].amount");
        await (await client.PostJsonAsync($"/api/v1/bills/{bill.Id()}/void", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostJsonAsync($"/api/v1/bills/{bill.Id()}/approve", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(20)]
    public async Task Bill_WithPayments_VoidIsConflictAndStatusKept(int paid)
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 64m);
        Assert.Equal(HttpStatusCode.Created, (await client.PayAsync((bill.Id(), paid))).StatusCode);
        var before = (await client.GetJsonAsync($"/api/v1/bills/{bill.Id()}")).Status();

        var response = await client.PostJsonAsync($"/api/v1/bills/{bill.Id()}/void", new { });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("payments", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var after = await client.GetJsonAsync($"/api/v1/bills/{bill.Id()}");
        Assert.Equal(before, after.Status());
        Assert.NotEqual("Void", after.Status());
        Assert.Equal(paid * 100L, after.Cents("paidCents"));
    }

    [Fact]
    public async Task Bill_WithoutVendor_IsRefusedOnVendorId()
    {
        var (client, jobId, _) = await ArrangeAsync();

        var response = await client.PostJsonAsync("/api/v1/bills", new { jobId, lines = new[] { new { name = "Lumber", quantity = 1, unitAmount = 10m } } });

        await response.AssertInvalidAsync("vendorId");
        Assert.Equal(0, await client.CountAsync("/api/v1/bills"));
    }

    [Fact]
    public async Task Bill_TotallingBelowZero_IsRefusedAndWritesNothing()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var lines = new[]
        {
            new { name = "Lumber", quantity = 1m, unitAmount = 10m },
            new { name = "Credit", quantity = 1m, unitAmount = -10.01m },
        };

        var response = await client.PostJsonAsync("/api/v1/bills", new { jobId, vendorId, lines });

        await response.AssertInvalidAsync("lines");
        Assert.Equal(0, await client.CountAsync("/api/v1/bills"));
    }

    [Fact]
    public async Task Bill_EditedToTotalBelowZero_IsRefusedAndKeepsItsLines()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var bill = await client.CreateBillAsync(jobId, vendorId, 40m, approve: false);

        var response = await client.PutJsonAsync($"/api/v1/bills/{bill.Id()}", new
        {
            jobId, vendorId, version = bill.GetProperty("version").GetInt64(),
            lines = new[] { new { name = "Refund", quantity = -1m, unitAmount = 40m } },
        });

        await response.AssertInvalidAsync("lines");
        var reread = await client.GetJsonAsync($"/api/v1/bills/{bill.Id()}");
        Assert.Equal(4_000, reread.Cents("totalCents"));
        Assert.Equal("Material", Assert.Single(reread.GetProperty("lines").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bill_ZeroTotal_IsAllowed()
    {
        var (client, jobId, vendorId) = await ArrangeAsync();
        var lines = new[]
        {
            new { name = "Lumber", quantity = 1m, unitAmount = 10m },
            new { name = "Credit", quantity = 1m, unitAmount = -10m },
        };

        var bill = await client.CreateAsync("/api/v1/bills", new { jobId, vendorId, lines });

        Assert.Equal(0, bill.Cents("totalCents"));
    }
}
