using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Data;

/// <summary>A user of one organization can neither see nor change another organization's rows through the API.</summary>
[Trait("Category", "Database")]
public sealed class TenancyIsolationTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    /// <summary>Organization B with one of everything; returns B's client and the ids.</summary>
    private async Task<(HttpClient B, OrgRows Rows)> CreateOtherOrganizationAsync()
    {
        var b = await app.CreateOrganizationClientAsync("Other org");
        var (jobId, locationId, customerId) = await b.CreateJobAsync("B ");
        var vendor = await b.CreateVendorAsync("B ");
        var invoice = await b.CreateInvoiceAsync(jobId, 500m);
        var bill = await b.CreateBillAsync(jobId, vendor.Id(), 300m);
        var payment = await b.CreateAsync("/api/v1/payments", new { method = "Check", applications = new[] { new { documentId = invoice.Id(), amount = 100m } } });
        var code = await b.CreateAsync("/api/v1/cost-codes", new { number = "B-01", name = "B code" });
        return (b, new OrgRows(customerId, locationId, jobId, vendor.Id(), invoice.Id(), bill.Id(), payment.Id(), code.Id()));
    }

    private sealed record OrgRows(long CustomerId, long LocationId, long JobId, long VendorId, long InvoiceId, long BillId, long PaymentId, long CostCodeId);

    [Fact]
    public async Task Lists_OtherOrganizationHasRows_ShowOnlyOwnRows()
    {
        var (_, other) = await CreateOtherOrganizationAsync();
        var a = await app.CreateOrganizationClientAsync();
        var (jobId, _, customerId) = await a.CreateJobAsync("A ");
        var vendor = await a.CreateVendorAsync("A ");
        var invoice = await a.CreateInvoiceAsync(jobId, 200m);
        var bill = await a.CreateBillAsync(jobId, vendor.Id(), 50m);
        await a.CreateAsync("/api/v1/payments", new { method = "Check", applications = new[] { new { documentId = invoice.Id(), amount = 20m } } });

        Assert.Equal([customerId], await IdsAsync(a, "/api/v1/customers", items: true));
        Assert.Equal([jobId], await IdsAsync(a, "/api/v1/jobs", items: true));
        Assert.Equal([vendor.Id()], await IdsAsync(a, "/api/v1/vendors", items: true));
        Assert.Equal([invoice.Id()], await IdsAsync(a, "/api/v1/invoices", items: true));
        Assert.Equal([bill.Id()], await IdsAsync(a, "/api/v1/bills", items: true));
        var payments = await IdsAsync(a, "/api/v1/payments", items: false);
        Assert.Single(payments);
        Assert.DoesNotContain(other.PaymentId, payments);
        Assert.Empty(await IdsAsync(a, "/api/v1/cost-codes", items: false));
        Assert.Empty(await IdsAsync(a, $"/api/v1/payments?documentId={other.InvoiceId}", items: false));
        Assert.Equal(0, await a.CountAsync($"/api/v1/invoices?jobId={other.JobId}"));
        Assert.Equal(0, await a.CountAsync($"/api/v1/jobs?customerId={other.CustomerId}"));
    }

    private static async Task<List<long>> IdsAsync(HttpClient client, string url, bool items)
    {
        var json = await client.GetJsonAsync(url);
        return (items ? json.GetProperty("items") : json).EnumerateArray().Select(e => e.Id()).ToList();
    }

    [Fact]
    public async Task Reads_OtherOrganizationsIds_AreNotFound()
    {
        var (_, other) = await CreateOtherOrganizationAsync();
        var a = await app.CreateOrganizationClientAsync();
        string[] urls =
        [
            $"/api/v1/customers/{other.CustomerId}", $"/api/v1/jobs/{other.JobId}", $"/api/v1/vendors/{other.VendorId}",
            $"/api/v1/invoices/{other.InvoiceId}", $"/api/v1/bills/{other.BillId}", $"/api/v1/payments/{other.PaymentId}",
        ];
        foreach (var url in urls)
        {
            var response = await a.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} → {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Updates_OtherOrganizationsIds_AreNotFoundAndChangeNothing()
    {
        var (b, other) = await CreateOtherOrganizationAsync();
        var a = await app.CreateOrganizationClientAsync();
        var (jobId, locationId, customerId) = await a.CreateJobAsync("A ");
        var vendor = await a.CreateVendorAsync("A ");
        var line = new[] { new { name = "Hijack", quantity = 1, unitAmount = 1m } };
        (string Url, object Body)[] updates =
        [
            ($"/api/v1/customers/{other.CustomerId}", new { name = "Hijacked" }),
            ($"/api/v1/vendors/{other.VendorId}", new { name = "Hijacked" }),
            ($"/api/v1/jobs/{other.JobId}", new { number = "HIJACK", name = "Hijacked", locationId }),
            ($"/api/v1/locations/{other.LocationId}", new { customerId, name = "Hijacked" }),
            ($"/api/v1/invoices/{other.InvoiceId}", new { jobId, lines = line }),
            ($"/api/v1/bills/{other.BillId}", new { jobId, vendorId = vendor.Id(), lines = line }),
            ($"/api/v1/cost-codes/{other.CostCodeId}", new { number = "HIJACK", name = "Hijacked" }),
        ];
        foreach (var (url, body) in updates)
        {
            var response = await a.PutJsonAsync(url, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"PUT {url} → {(int)response.StatusCode}");
        }
        string[] actions =
        [
            $"/api/v1/invoices/{other.InvoiceId}/void", $"/api/v1/invoices/{other.InvoiceId}/finalize",
            $"/api/v1/bills/{other.BillId}/void", $"/api/v1/bills/{other.BillId}/reject", $"/api/v1/bills/{other.BillId}/approve",
        ];
        foreach (var url in actions)
        {
            var response = await a.PostJsonAsync(url, new { });
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} → {(int)response.StatusCode}");
        }
        var delete = await a.DeleteAsync($"/api/v1/payments/{other.PaymentId}");
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);

        Assert.StartsWith("B Customer", (await b.GetJsonAsync($"/api/v1/customers/{other.CustomerId}")).GetProperty("name").GetString());
        Assert.StartsWith("B Vendor", (await b.GetJsonAsync($"/api/v1/vendors/{other.VendorId}")).GetProperty("name").GetString());
        Assert.Equal("Build", (await b.GetJsonAsync($"/api/v1/jobs/{other.JobId}")).GetProperty("name").GetString());
        var invoice = await b.GetJsonAsync($"/api/v1/invoices/{other.InvoiceId}");
        Assert.Equal("PartiallyPaid", invoice.Status());
        Assert.Equal(10_000, invoice.Cents("paidCents"));
        Assert.Equal("Work", invoice.GetProperty("lines")[0].GetProperty("name").GetString());
        Assert.Equal("Approved", (await b.GetJsonAsync($"/api/v1/bills/{other.BillId}")).Status());
        Assert.Equal(10_000, (await b.GetJsonAsync($"/api/v1/payments/{other.PaymentId}")).Cents("amountCents"));
    }

    [Fact]
    public async Task Payment_NamingOtherOrganizationsInvoice_IsRefusedAndLeavesItUnpaid()
    {
        var (b, other) = await CreateOtherOrganizationAsync();
        var a = await app.CreateOrganizationClientAsync();

        var response = await a.PayAsync((other.InvoiceId, 10m));

        await response.AssertInvalidAsync("applications[0].documentId");
        Assert.Equal(10_000, (await b.GetJsonAsync($"/api/v1/invoices/{other.InvoiceId}")).Cents("paidCents"));
    }

    [Fact]
    public async Task Payment_MixingOwnAndOtherOrganizationsBill_IsRefusedAndWritesNothing()
    {
        var (b, other) = await CreateOtherOrganizationAsync();
        var a = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await a.CreateJobAsync();
        var own = await a.CreateBillAsync(jobId, (await a.CreateVendorAsync()).Id(), 80m);

        var response = await a.PayAsync((own.Id(), 10m), (other.BillId, 10m));

        await response.AssertInvalidAsync("applications[1].documentId");
        Assert.Equal(0, (await a.GetJsonAsync($"/api/v1/bills/{own.Id()}")).Cents("paidCents"));
        Assert.Equal(0, (await b.GetJsonAsync($"/api/v1/bills/{other.BillId}")).Cents("paidCents"));
    }

    [Fact]
    public async Task References_ToOtherOrganizationsRows_AreRefusedAsUnknown()
    {
        var (_, other) = await CreateOtherOrganizationAsync();
        var a = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await a.CreateJobAsync();
        var vendor = await a.CreateVendorAsync();

        var job = await a.PostJsonAsync("/api/v1/jobs", new { number = "J-B-LOC", name = "Borrowed", locationId = other.LocationId });
        await job.AssertInvalidAsync("locationId");
        var location = await a.PostJsonAsync($"/api/v1/customers/{other.CustomerId}/locations", new { name = "Borrowed" });
        await location.AssertInvalidAsync("customerId");
        var invoice = await a.PostJsonAsync("/api/v1/invoices", new { jobId = other.JobId, lines = new[] { new { name = "X", quantity = 1, unitAmount = 1m } } });
        await invoice.AssertInvalidAsync("jobId");
        var bill = await a.PostJsonAsync("/api/v1/bills", new { jobId, vendorId = other.VendorId, lines = new[] { new { name = "X", quantity = 1, unitAmount = 1m } } });
        await bill.AssertInvalidAsync("vendorId");
        var coded = await a.PostJsonAsync("/api/v1/bills", new { jobId, vendorId = vendor.Id(), lines = new[] { new { name = "X", costCodeId = other.CostCodeId, quantity = 1, unitAmount = 1m } } });
        await coded.AssertInvalidAsync("lines");
        var child = await a.PostJsonAsync("/api/v1/cost-codes", new { number = "A-01", name = "Child", parentId = other.CostCodeId });
        await child.AssertInvalidAsync("parentId");

        Assert.Equal(1, await a.CountAsync("/api/v1/jobs"));
        Assert.Equal(0, await a.CountAsync("/api/v1/invoices"));
        Assert.Equal(0, await a.CountAsync("/api/v1/bills"));
    }
}
