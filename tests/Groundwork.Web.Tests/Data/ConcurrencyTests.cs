using System.Net;
using System.Text.Json;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Data;

/// <summary>Two edits from the same version: the first wins, the second gets a conflict, and nothing of the first is lost.</summary>
[Trait("Category", "Database")]
public sealed class ConcurrencyTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private const string ConflictMessage = "Someone else changed this record after you opened it. Reload it to see their changes, then apply yours again.";

    private static long Version(JsonElement json) => json.GetProperty("version").GetInt64();

    private static async Task AssertConflictAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(ConflictMessage, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Customer_TwoUpdatesFromSameVersion_SecondIsConflictAndFirstKept()
    {
        var client = await app.CreateOrganizationClientAsync();
        var customer = await client.CreateAsync("/api/v1/customers", new { name = "Acme", phone = "555-0100" });
        var url = $"/api/v1/customers/{customer.Id()}";
        var seen = Version(customer);

        var first = await client.PutJsonAsync(url, new { name = "Acme Holdings", phone = "555-0101", version = seen });
        var second = await client.PutJsonAsync(url, new { name = "Acme Partners", phone = "555-0102", version = seen });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(seen + 1, Version(await first.ReadJsonAsync()));
        await AssertConflictAsync(second);
        var reread = await client.GetJsonAsync(url);
        Assert.Equal("Acme Holdings", reread.GetProperty("name").GetString());
        Assert.Equal("555-0101", reread.GetProperty("phone").GetString());
        Assert.Equal(seen + 1, Version(reread));
    }

    [Fact]
    public async Task Customer_UpdateFromCurrentVersionAfterConflict_Succeeds()
    {
        var client = await app.CreateOrganizationClientAsync();
        var customer = await client.CreateAsync("/api/v1/customers", new { name = "Acme" });
        var url = $"/api/v1/customers/{customer.Id()}";
        await client.PutJsonAsync(url, new { name = "Acme 2", version = Version(customer) });
        await AssertConflictAsync(await client.PutJsonAsync(url, new { name = "Acme 3", version = Version(customer) }));

        var current = await client.GetJsonAsync(url);
        var retried = await client.PutJsonAsync(url, new { name = "Acme 3", version = Version(current) });

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Acme 3", (await client.GetJsonAsync(url)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task VendorAndJob_TwoUpdatesFromSameVersion_SecondIsConflict()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, locationId, _) = await client.CreateJobAsync();
        var vendor = await client.CreateVendorAsync();
        var job = await client.GetJsonAsync($"/api/v1/jobs/{jobId}");
        var number = job.GetProperty("number").GetString();

        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/v1/vendors/{vendor.Id()}", new { name = "V one", version = Version(vendor) })).StatusCode);
        await AssertConflictAsync(await client.PutJsonAsync($"/api/v1/vendors/{vendor.Id()}", new { name = "V two", version = Version(vendor) }));
        Assert.Equal(HttpStatusCode.OK, (await client.PutJsonAsync($"/api/v1/jobs/{jobId}", new { number, name = "Job one", locationId, version = Version(job) })).StatusCode);
        await AssertConflictAsync(await client.PutJsonAsync($"/api/v1/jobs/{jobId}", new { number, name = "Job two", locationId, version = Version(job) }));

        Assert.Equal("V one", (await client.GetJsonAsync($"/api/v1/vendors/{vendor.Id()}")).GetProperty("name").GetString());
        Assert.Equal("Job one", (await client.GetJsonAsync($"/api/v1/jobs/{jobId}")).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Invoice_TwoUpdatesFromSameVersion_SecondIsConflictAndFirstKept()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m, finalize: false);
        var url = $"/api/v1/invoices/{invoice.Id()}";
        var seen = Version(invoice);

        var first = await client.PutJsonAsync(url, new { jobId, memo = "First", version = seen, lines = new[] { new { name = "First line", quantity = 2, unitAmount = 30m } } });
        var second = await client.PutJsonAsync(url, new { jobId, memo = "Second", version = seen, lines = new[] { new { name = "Second line", quantity = 3, unitAmount = 40m } } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertConflictAsync(second);
        var reread = await client.GetJsonAsync(url);
        Assert.Equal("First", reread.GetProperty("memo").GetString());
        Assert.Equal(6_000, reread.Cents("totalCents"));
        var line = Assert.Single(reread.GetProperty("lines").EnumerateArray());
        Assert.Equal("First line", line.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Invoice_TwoLineOnlyEditsFromSameVersion_SecondIsConflictAndFirstKept()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m, finalize: false);
        var url = $"/api/v1/invoices/{invoice.Id()}";
        var seen = Version(invoice);
        var number = invoice.GetProperty("number").GetString();
        var issueDate = invoice.GetProperty("issueDate").GetString();

        // Same header and totals, only a line's text differs: the document row itself does not change.
        var first = await client.PutJsonAsync(url, new { jobId, number, issueDate, version = seen, lines = new[] { new { name = "Framing, east wall", quantity = 1, unitAmount = 100m } } });
        var second = await client.PutJsonAsync(url, new { jobId, number, issueDate, version = seen, lines = new[] { new { name = "Framing, west wall", quantity = 1, unitAmount = 100m } } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertConflictAsync(second);
        var line = Assert.Single((await client.GetJsonAsync(url)).GetProperty("lines").EnumerateArray());
        Assert.Equal("Framing, east wall", line.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Invoice_StatusChangeFromStaleVersion_IsConflictAndStatusKept()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 100m, finalize: false);
        var url = $"/api/v1/invoices/{invoice.Id()}";
        await client.PutJsonAsync(url, new { jobId, memo = "Edited", version = Version(invoice), lines = new[] { new { name = "Work", quantity = 1, unitAmount = 120m } } });

        var response = await client.PostJsonAsync($"{url}/finalize", new { version = Version(invoice) });

        await AssertConflictAsync(response);
        var reread = await client.GetJsonAsync(url);
        Assert.Equal("Draft", reread.Status());
        Assert.Equal("Edited", reread.GetProperty("memo").GetString());
    }
}
