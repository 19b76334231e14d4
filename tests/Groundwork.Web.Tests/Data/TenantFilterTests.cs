using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Data;

/// <summary>The DbContext itself: scoped to one organization it reads only that organization's rows and writes no other's.</summary>
[Trait("Category", "Database")]
public sealed class TenantFilterTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task DbContext_ScopedToOrganization_SeesOnlyItsRowsAndCannotWriteAnothers()
    {
        var (orgA, orgB) = (await AddOrganizationAsync("A"), await AddOrganizationAsync("B"));
        var customerB = await AddCustomerAsync(orgB, "Beta Customer");
        await AddCustomerAsync(orgA, "Alpha Customer");

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(orgA);
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();

        Assert.Equal(["Alpha Customer"], await db.Customers.Select(c => c.Name).ToListAsync());
        Assert.Null(await db.Customers.FirstOrDefaultAsync(c => c.Id == customerB));
        Assert.Null(await db.Customers.FindAsync(customerB));
        Assert.Equal(2, await db.Customers.IgnoreQueryFilters().CountAsync(c => c.OrganizationId == orgA || c.OrganizationId == orgB));

        var foreign = await db.Customers.IgnoreQueryFilters().SingleAsync(c => c.Id == customerB);
        foreign.Name = "Rewritten by A";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Add(new Customer { Name = "Planted in B", OrganizationId = orgB });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using var scopeB = app.Services.CreateAsyncScope();
        scopeB.ServiceProvider.GetRequiredService<TenantContext>().Use(orgB);
        var dbB = scopeB.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        Assert.Equal(["Beta Customer"], await dbB.Customers.Select(c => c.Name).ToListAsync());
    }

    [Fact]
    public async Task DbContext_WithNoOrganization_SeesNoTenantRows()
    {
        var org = await AddOrganizationAsync("Lonely");
        await AddCustomerAsync(org, "Someone");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();

        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.True(await db.Customers.IgnoreQueryFilters().AnyAsync(c => c.OrganizationId == org));
        db.Add(new Customer { Name = "Orphan" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    private async Task<long> AddOrganizationAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var org = new Organization { Name = $"{name} {Guid.NewGuid():N}" };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    private async Task<long> AddCustomerAsync(long org, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(org);
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var customer = new Customer { Name = name };
        db.Customers.Add(customer);
        await db.SaveChangesAsync();
        Assert.Equal(org, customer.OrganizationId);
        return customer.Id;
    }
}
