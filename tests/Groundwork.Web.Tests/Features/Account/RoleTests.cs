using System.Net;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.Account;

/// <summary>
/// What membership grants today: every role of an organization reads its data; a signed-in user with no membership reads nothing.
/// The Admin and Accountant policies exist but no endpoint requires them yet, so no test claims role-based write limits.
/// </summary>
[Trait("Category", "Database")]
public sealed class RoleTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Theory]
    [InlineData(OrganizationRole.Member)]
    [InlineData(OrganizationRole.Accountant)]
    [InlineData(OrganizationRole.Admin)]
    public async Task Role_InOrganization_ReadsTheOrganizationsData(OrganizationRole role)
    {
        var organizationId = await app.CreateOrganizationAsync();
        var owner = await app.CreateUserClientAsync(organizationId, OrganizationRole.Owner);
        var (jobId, _, customerId) = await owner.CreateJobAsync();
        var invoice = await owner.CreateInvoiceAsync(jobId, 42m);

        var user = await app.CreateUserClientAsync(organizationId, role);

        Assert.Equal(customerId, Assert.Single((await user.GetJsonAsync("/api/v1/customers")).GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(jobId, (await user.GetJsonAsync($"/api/v1/jobs/{jobId}")).Id());
        Assert.Equal(4_200, (await user.GetJsonAsync($"/api/v1/invoices/{invoice.Id()}")).Cents("totalCents"));
        Assert.Equal(1, await user.CountAsync("/api/v1/invoices?status=Pending"));
    }

    [Fact]
    public async Task User_WithoutMembership_IsForbiddenFromTheApi()
    {
        var email = $"{Guid.NewGuid():N}@test.example";
        const string password = "correct-horse-battery";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var created = await users.CreateAsync(new AppUser { UserName = email, Email = email, EmailConfirmed = true }, password);
            Assert.True(created.Succeeded);
        }
        var client = await app.SignInAsync(email, password);

        var read = await client.GetAsync("/api/v1/customers");
        var write = await client.PostJsonAsync("/api/v1/customers", new { name = "Nobody's customer" });

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }
}
