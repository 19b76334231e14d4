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

    [Fact]
    public async Task Invoice_PendingEdited_RecalculatesWithTheLocationsCurrentRateAndStaysPending()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, locationId, customerId) = await client.CreateJobAsync(taxRate: 5m);
        var lines = new[] { new { name = "Fixtures", quantity = 2, unitAmount = 100m, taxable = true } };
        var invoice = await client.CreateAsync("/api/v1/invoices", new { jobId, lines });
        await client.ActAsync($"/api/v1/invoices/{invoice.Id()}/finalize");
        Assert.Equal(21_000, invoice.Cents("totalCents"));

        var location = await client.PutJsonAsync($"/api/v1/locations/{locationId}", new { customerId, name = "Site", taxRatePercent = 10m });
        Assert.Equal(HttpStatusCode.OK, location.StatusCode);
        Assert.Equal(21_000, (await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Cents("totalCents"));

        var edited = await client.PutJsonAsync($"/api/v1/invoices/{invoice.Id()}", new { jobId, number = invoice.GetProperty("number").GetString(), lines });

        var json = await edited.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Pending", json.Status());
        Assert.Equal(1_000, json.GetProperty("taxRateBasisPoints").GetInt32());
        Assert.Equal(22_000, json.Cents("totalCents"));
        Assert.Equal(2, json.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Invoice_History_RecordsTheActingUser()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        var invoice = await client.CreateInvoiceAsync(jobId, 10m);

        Assert.All(invoice.GetProperty("history").EnumerateArray(), h => Assert.EndsWith("@test.example", h.GetProperty("byUser").GetString()));
    }

    [Fact]
    public async Task Invoice_VoidFromPending_IsVoidAndCannotBePaid()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 90m);
        Assert.Equal("Pending", invoice.Status());

        var voided = await client.ActAsync($"/api/v1/invoices/{invoice.Id()}/void");

        Assert.Equal("Void", voided.Status());
        var history = voided.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).ToList();
        Assert.Equal(["Draft", "Pending", "Void"], history);
        await (await client.PayAsync((invoice.Id(), 1m))).AssertInvalidAsync("applications[0].amount");
        await (await client.PostJsonAsync($"/api/v1/invoices/{invoice.Id()}/finalize", new { })).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(1, await client.CountAsync("/api/v1/invoices?status=Void"));
    }

    [Fact]
    public async Task Invoice_FinalizedTwice_SecondIsConflictAndHistoryUnchanged()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 90m);

        var response = await client.PostJsonAsync($"/api/v1/invoices/{invoice.Id()}/finalize", new { });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("Only a draft invoice can be finalized", problem.GetProperty("detail").GetString());
        var reread = await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}");
        Assert.Equal("Pending", reread.Status());
        Assert.Equal(2, reread.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Invoice_Approve_IsNotAnInvoiceAction()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 90m, finalize: false);

        var response = await client.PostJsonAsync($"/api/v1/invoices/{invoice.Id()}/approve", new { });

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{(int)response.StatusCode}");
        Assert.Equal("Draft", (await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Status());
    }

    [Fact]
    public async Task Invoice_NegativeTotal_IsAllowedAndFinalizedButCannotBePaid()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync(taxRate: 8.25m);
        var invoice = await client.CreateAsync("/api/v1/invoices", new
        {
            jobId,
            lines = new object[]
            {
                new { name = "Credit for damaged trim", quantity = 1, unitAmount = -250m, taxable = true },
                new { name = "Touch-up", quantity = 1, unitAmount = 40m, taxable = false },
            },
        });
        Assert.Equal(-21_000, invoice.Cents("subtotalCents"));
        Assert.Equal(-2_063, invoice.Cents("taxCents"));
        Assert.Equal(-23_063, invoice.Cents("totalCents"));

        var finalized = await client.ActAsync($"/api/v1/invoices/{invoice.Id()}/finalize");
        Assert.Equal("Pending", finalized.Status());
        Assert.Equal(-23_063, finalized.Cents("balanceCents"));

        await (await client.PayAsync((invoice.Id(), 0.01m))).AssertInvalidAsync("applications[0].amount");
        await (await client.PayAsync((invoice.Id(), -230.63m))).AssertInvalidAsync("applications[0].amount");
        var reread = await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}");
        Assert.Equal("Pending", reread.Status());
        Assert.Equal(0, reread.Cents("paidCents"));
    }

    [Fact]
    public async Task Invoice_WithPayment_CannotBeEditedOrVoided()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 90m);
        await client.PayAsync((invoice.Id(), 10m));

        var edit = await client.PutJsonAsync($"/api/v1/invoices/{invoice.Id()}", new { jobId, lines = new[] { new { name = "Cheaper", quantity = 1, unitAmount = 5m } } });
        var voiding = await client.PostJsonAsync($"/api/v1/invoices/{invoice.Id()}/void", new { });

        await edit.AssertProblemAsync(HttpStatusCode.Conflict);
        await voiding.AssertProblemAsync(HttpStatusCode.Conflict);
        var reread = await client.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}");
        Assert.Equal("PartiallyPaid", reread.Status());
        Assert.Equal(9_000, reread.Cents("totalCents"));
    }
}
