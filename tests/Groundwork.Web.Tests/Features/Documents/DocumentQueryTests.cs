using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>Finding things: search, status and job filters, and paging over invoices, bills, customers and jobs.</summary>
[Trait("Category", "Database")]
public sealed class DocumentQueryTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private static async Task<List<string>> NumbersAsync(HttpClient client, string url) =>
        (await client.GetJsonAsync(url)).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("number").GetString()!).ToList();

    [Fact]
    public async Task Invoices_FilteredByStatusJobOrSearch_ListOnlyMatches()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (firstJob, _, _) = await client.CreateJobAsync("Harbor ");
        var (secondJob, _, _) = await client.CreateJobAsync("Maple ");
        await client.CreateInvoiceAsync(firstJob, 10m, finalize: false, number: "H-DRAFT");
        await client.CreateInvoiceAsync(firstJob, 20m, number: "H-OPEN");
        await client.CreateInvoiceAsync(secondJob, 30m, number: "M-OPEN");

        Assert.Equal(["H-DRAFT"], await NumbersAsync(client, "/api/v1/invoices?status=Draft"));
        Assert.Equal(["H-OPEN", "M-OPEN"], (await NumbersAsync(client, "/api/v1/invoices?status=Pending")).Order().ToList());
        Assert.Equal(["H-DRAFT", "H-OPEN"], (await NumbersAsync(client, $"/api/v1/invoices?jobId={firstJob}")).Order().ToList());
        Assert.Equal(["M-OPEN"], await NumbersAsync(client, "/api/v1/invoices?q=maple"));
        Assert.Equal(["H-OPEN"], await NumbersAsync(client, "/api/v1/invoices?q=h-open"));
        Assert.Equal(["H-OPEN"], await NumbersAsync(client, $"/api/v1/invoices?jobId={firstJob}&status=Pending"));
        Assert.Empty(await NumbersAsync(client, "/api/v1/bills"));
    }

    [Fact]
    public async Task Bills_SearchedByVendorName_ListOnlyThatVendorsBills()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var lumber = await client.CreateAsync("/api/v1/vendors", new { name = "Pacific Lumber Supply" });
        var concrete = await client.CreateAsync("/api/v1/vendors", new { name = "Columbia Concrete" });
        await client.CreateBillAsync(jobId, lumber.Id(), 10m, number: "B-L");
        await client.CreateBillAsync(jobId, concrete.Id(), 10m, number: "B-C");

        Assert.Equal(["B-L"], await NumbersAsync(client, "/api/v1/bills?q=LUMBER"));
        Assert.Equal("Pacific Lumber Supply", (await client.GetJsonAsync("/api/v1/bills?q=lumber")).GetProperty("items")[0].GetProperty("vendorName").GetString());
    }

    [Fact]
    public async Task Invoices_Paged_ReturnDisjointPagesAndTheTotal()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        for (var i = 0; i < 5; i++)
        {
            await client.CreateInvoiceAsync(jobId, 10m + i, finalize: false, number: $"P-{i}");
        }

        var first = await client.GetJsonAsync("/api/v1/invoices?pageSize=2&page=1");
        var third = await client.GetJsonAsync("/api/v1/invoices?pageSize=2&page=3");
        var numbers = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            numbers.AddRange(await NumbersAsync(client, $"/api/v1/invoices?pageSize=2&page={page}"));
        }

        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, third.GetProperty("items").GetArrayLength());
        Assert.Equal(["P-0", "P-1", "P-2", "P-3", "P-4"], numbers.Order().ToList());
    }

    [Fact]
    public async Task CustomersAndJobs_SearchedAndFiltered_ListOnlyMatches()
    {
        var client = await app.CreateOrganizationClientAsync();
        var dental = await client.CreateAsync("/api/v1/customers", new { name = "Harbor View Dental", email = "office@harbor.example" });
        var brewery = await client.CreateAsync("/api/v1/customers", new { name = "Cascade Brewing", contactName = "Jon Ellis" });
        var site = await client.CreateAsync($"/api/v1/customers/{brewery.Id()}/locations", new { name = "Taproom" });
        var open = await client.CreateAsync("/api/v1/jobs", new { number = "J-OPEN", name = "Taproom build-out", locationId = site.Id() });
        await client.CreateAsync("/api/v1/jobs", new { number = "J-DONE", name = "Taproom patio", locationId = site.Id(), status = "Closed" });

        var byEmail = (await client.GetJsonAsync("/api/v1/customers?q=OFFICE@")).GetProperty("items");
        var byContact = (await client.GetJsonAsync("/api/v1/customers?q=ellis")).GetProperty("items");
        var openJobs = (await client.GetJsonAsync($"/api/v1/jobs?customerId={brewery.Id()}&status=Open")).GetProperty("items");

        Assert.Equal(dental.Id(), System.Linq.Enumerable.Single(byEmail.EnumerateArray()).Id());
        Assert.Equal(brewery.Id(), System.Linq.Enumerable.Single(byContact.EnumerateArray()).Id());
        Assert.Equal(open.Id(), System.Linq.Enumerable.Single(openJobs.EnumerateArray()).Id());
        Assert.Equal(0, await client.CountAsync($"/api/v1/jobs?customerId={dental.Id()}"));
        Assert.Equal(2, await client.CountAsync("/api/v1/jobs?q=cascade"));
    }
}
