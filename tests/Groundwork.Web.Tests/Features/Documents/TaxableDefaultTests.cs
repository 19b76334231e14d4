using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Documents;

/// <summary>A line that leaves Taxable out takes its cost type's "taxable by default"; one that says it keeps what it says.</summary>
[Trait("Category", "Database")]
public sealed class TaxableDefaultTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task ApiLine_WithoutTaxable_TakesItsCostTypesDefault()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var taxedType = await client.CreateAsync("/api/v1/cost-types", new { name = "Materials", taxableByDefault = true });
        var plainType = await client.CreateAsync("/api/v1/cost-types", new { name = "Labor", taxableByDefault = false });

        var invoice = await client.CreateAsync("/api/v1/invoices", new
        {
            jobId,
            lines = new object[]
            {
                new { name = "Lumber", quantity = 1, unitAmount = 100m, costTypeId = taxedType.Id() },
                new { name = "Framing", quantity = 1, unitAmount = 100m, costTypeId = plainType.Id() },
                new { name = "Tile", quantity = 1, unitAmount = 100m, costTypeId = taxedType.Id(), taxable = false },
                new { name = "Cleanup", quantity = 1, unitAmount = 100m },
            },
        });

        var taxable = invoice.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("taxable").GetBoolean()).ToArray();
        Assert.Equal(new[] { true, false, false, false }, taxable);
    }
}
