using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Data;

/// <summary>Both providers hand back UTC: SQLite alone would answer DateTimeKind.Unspecified and the API would drop the Z.</summary>
[Trait("Category", "Database")]
public sealed class UtcOnReadTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task StoredTimes_ReadBack_AreMarkedUtc()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var invoice = await client.CreateInvoiceAsync(jobId, 10m);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var row = await db.Documents.IgnoreQueryFilters().AsNoTracking().FirstAsync(d => d.Id == invoice.Id());
        var history = await db.DocumentStatusChanges.IgnoreQueryFilters().AsNoTracking().FirstAsync(h => h.DocumentId == invoice.Id());

        Assert.Equal(DateTimeKind.Utc, row.CreatedAtUtc.Kind);
        Assert.Equal(DateTimeKind.Utc, history.AtUtc.Kind);
    }

    [Fact]
    public async Task ApiTimes_OnEveryProvider_EndInZ()
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();
        var created = await client.CreateInvoiceAsync(jobId, 10m);

        var read = await client.GetJsonAsync($"/api/v1/invoices/{created.Id()}");

        Assert.All(read.GetProperty("history").EnumerateArray(), h => Assert.EndsWith("Z", h.GetProperty("atUtc").GetString(), StringComparison.Ordinal));
    }
}
