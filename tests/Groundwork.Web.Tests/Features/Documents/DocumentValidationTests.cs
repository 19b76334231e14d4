using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

[Trait("Category", "Database")]
public sealed class DocumentValidationTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static object Line(decimal quantity = 1, decimal unitAmount = 10m, long? costCodeId = null) =>
        new { name = "Work", quantity, unitAmount, costCodeId };

    private async Task<(HttpClient Client, long JobId)> ArrangeAsync()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        return (client, jobId);
    }

    [Fact]
    public async Task Invoice_NumberOf22Characters_IsRefusedOnNumber()
    {
        var (client, jobId) = await ArrangeAsync();

        var messages = await (await client.PostJsonAsync("/api/v1/invoices", new { jobId, number = new string('7', 22), lines = new[] { Line() } }))
            .AssertInvalidAsync("number");
        var accepted = await client.CreateAsync("/api/v1/invoices", new { jobId, number = new string('8', 21), lines = new[] { Line() } });

        Assert.Contains(messages, m => m.Contains("21", StringComparison.Ordinal));
        Assert.Equal(new string('8', 21), accepted.GetProperty("number").GetString());
        Assert.Equal(1, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_ZeroQuantity_IsRefusedOnThatLine()
    {
        var (client, jobId) = await ArrangeAsync();

        var response = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { Line(), Line(quantity: 0) } });

        Assert.Contains("Quantity cannot be zero.", await response.AssertInvalidAsync("lines[1].quantity"));
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Theory]
    [InlineData(10.001)]
    [InlineData(-0.005)]
    public async Task Invoice_UnitAmountWithMoreThanTwoDecimals_IsRefused(double amount)
    {
        var (client, jobId) = await ArrangeAsync();

        var response = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { Line(unitAmount: (decimal)amount) } });

        Assert.Contains("Amount can have at most two decimals.", await response.AssertInvalidAsync("lines[0].unitAmount"));
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_QuantityWithMoreThanFourDecimals_IsRefused()
    {
        var (client, jobId) = await ArrangeAsync();

        var response = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { Line(quantity: 1.00001m) } });

        await response.AssertInvalidAsync("lines[0].quantity");
    }

    [Theory]
    [InlineData(1_000_001, 1)]
    [InlineData(1, 10_000_001)]
    public async Task Invoice_QuantityOrAmountOutOfRange_IsRefused(int quantity, int unitAmount)
    {
        var (client, jobId) = await ArrangeAsync();

        var response = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { Line(quantity, unitAmount) } });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Theory]
    [InlineData("1000000000000000", "1")]
    [InlineData("1", "1000000000000000")]
    public async Task Invoice_QuantityOrAmountBeyondInt32_IsRefusedNotAServerError(string quantity, string unitAmount)
    {
        var (client, jobId) = await ArrangeAsync();
        var json = $$"""{"jobId":{{jobId}},"lines":[{"name":"Huge","quantity":{{quantity}},"unitAmount":{{unitAmount}}}]}""";

        var response = await client.PostAsync("/api/v1/invoices", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_NoLines_IsRefusedOnLines()
    {
        var (client, jobId) = await ArrangeAsync();

        var empty = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = Array.Empty<object>() });
        var blankOnly = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = "", unitAmount = 0m } } });

        Assert.Contains("Add at least one line.", await empty.AssertInvalidAsync("lines"));
        await blankOnly.AssertInvalidAsync("lines");
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_DueDateBeforeIssueDate_IsRefusedOnDueDate()
    {
        var (client, jobId) = await ArrangeAsync();

        var response = await client.PostJsonAsync("/api/v1/invoices", new { jobId, issueDate = "2026-03-10", dueDate = "2026-03-09", lines = new[] { Line() } });
        var sameDay = await client.PostJsonAsync("/api/v1/invoices", new { jobId, issueDate = "2026-03-10", dueDate = "2026-03-10", lines = new[] { Line() } });

        Assert.Contains("Due date cannot be before the issue date.", await response.AssertInvalidAsync("dueDate"));
        Assert.Equal(HttpStatusCode.Created, sameDay.StatusCode);
        Assert.Equal(1, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_UnknownCostCodeOrCostType_IsRefusedOnLines()
    {
        var (client, jobId) = await ArrangeAsync();

        var code = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { Line(costCodeId: 987_654) } });
        var type = await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = "Work", quantity = 1, unitAmount = 1m, costTypeId = 987_654 } } });

        Assert.Contains("A line names a cost code that does not exist.", await code.AssertInvalidAsync("lines"));
        Assert.Contains("A line names a cost type that does not exist.", await type.AssertInvalidAsync("lines"));
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task Invoice_KnownCostCode_IsAccepted()
    {
        var (client, jobId) = await ArrangeAsync();
        var code = await client.CreateAsync("/api/v1/cost-codes", new { number = "03 30 00", name = "Cast-in-Place Concrete" });

        var invoice = await client.CreateAsync("/api/v1/invoices", new { jobId, lines = new[] { Line(costCodeId: code.Id()) } });

        Assert.Equal(code.Id(), invoice.GetProperty("lines")[0].GetProperty("costCodeId").GetInt64());
    }

    [Fact]
    public async Task Invoice_UnknownJob_IsRefusedOnJobId()
    {
        var (client, _) = await ArrangeAsync();

        await (await client.PostJsonAsync("/api/v1/invoices", new { jobId = 0, lines = new[] { Line() } })).AssertInvalidAsync("jobId");
        await (await client.PostJsonAsync("/api/v1/invoices", new { jobId = 987_654, lines = new[] { Line() } })).AssertInvalidAsync("jobId");
    }

    [Fact]
    public async Task DocumentNumber_DuplicatePerOrganizationAndKind_IsRefusedOnNumber()
    {
        var (client, jobId) = await ArrangeAsync();
        var vendorId = (await client.CreateVendorAsync()).Id();
        var other = await app.CreateOrganizationClientAsync();
        var (otherJob, _, _) = await other.CreateJobAsync();
        await client.CreateInvoiceAsync(jobId, 10m, finalize: false, number: "1001");

        var duplicate = await client.PostJsonAsync("/api/v1/invoices", new { jobId, number = "1001", lines = new[] { Line() } });
        var asBill = await client.PostJsonAsync("/api/v1/bills", new { jobId, vendorId, number = "1001", lines = new[] { Line() } });
        var elsewhere = await other.PostJsonAsync("/api/v1/invoices", new { jobId = otherJob, number = "1001", lines = new[] { Line() } });

        Assert.Contains("An invoice with this number already exists.", await duplicate.AssertInvalidAsync("number"));
        Assert.Equal(HttpStatusCode.Created, asBill.StatusCode);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(1, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task DocumentNumber_EditedToAnExistingNumber_IsRefusedAndKeepsTheOldNumber()
    {
        var (client, jobId) = await ArrangeAsync();
        await client.CreateInvoiceAsync(jobId, 10m, finalize: false, number: "A-1");
        var second = await client.CreateInvoiceAsync(jobId, 20m, finalize: false, number: "A-2");

        var response = await client.PutJsonAsync($"/api/v1/invoices/{second.Id()}", new { jobId, number = "A-1", lines = new[] { Line(unitAmount: 99m) } });

        await response.AssertInvalidAsync("number");
        var reread = await client.GetJsonAsync($"/api/v1/invoices/{second.Id()}");
        Assert.Equal("A-2", reread.GetProperty("number").GetString());
        Assert.Equal(2_000, reread.Cents("totalCents"));
    }

    [Fact]
    public async Task DocumentNumber_LeftEmpty_IsAssignedInSequence()
    {
        var (client, jobId) = await ArrangeAsync();

        var first = await client.CreateInvoiceAsync(jobId, 10m, finalize: false);
        var second = await client.CreateInvoiceAsync(jobId, 10m, finalize: false);

        Assert.Equal("INV-1001", first.GetProperty("number").GetString());
        Assert.Equal("INV-1002", second.GetProperty("number").GetString());
    }
}
