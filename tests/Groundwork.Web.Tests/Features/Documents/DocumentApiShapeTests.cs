using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>What the API says about a document: lists are summaries, one document is complete, a stuck status says why.</summary>
[Trait("Category", "Database")]
public sealed class DocumentApiShapeTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Theory]
    [InlineData("invoices")]
    [InlineData("bills")]
    public async Task List_Items_LeaveOutLinesAndHistory_OneDocumentHasThem(string kind)
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var vendor = await client.CreateVendorAsync();
        var created = await client.CreateAsync($"/api/v1/{kind}", new { jobId, vendorId = vendor.Id(), lines = new[] { new { name = "Work", quantity = 2, unitAmount = 5m } } });

        var item = (await client.GetJsonAsync($"/api/v1/{kind}")).GetProperty("items")[0];
        var one = await client.GetJsonAsync($"/api/v1/{kind}/{created.Id()}");

        Assert.False(item.TryGetProperty("lines", out _), item.ToString());
        Assert.False(item.TryGetProperty("history", out _), item.ToString());
        Assert.Equal(1_000, item.Cents("totalCents"));
        Assert.Equal(1, one.GetProperty("lines").GetArrayLength());
        Assert.Equal(1, one.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task NegativeInvoice_Finalized_SaysWhyItStaysPending()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var negative = await client.CreateInvoiceAsync(jobId, -50m);
        var positive = await client.CreateInvoiceAsync(jobId, 50m);

        var one = await client.GetJsonAsync($"/api/v1/invoices/{negative.Id()}");
        var listed = (await client.GetJsonAsync("/api/v1/invoices")).GetProperty("items").EnumerateArray().Single(i => i.Id() == negative.Id());

        Assert.Equal("Pending", one.Status());
        Assert.Contains("credit memo", one.GetProperty("statusNote").GetString(), StringComparison.Ordinal);
        Assert.Contains("credit memo", listed.GetProperty("statusNote").GetString(), StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, positive.GetProperty("statusNote").ValueKind);
    }
}
