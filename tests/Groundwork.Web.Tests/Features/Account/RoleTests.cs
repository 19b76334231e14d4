using System.Net;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.Account;

/// <summary>
/// What membership grants: every role of an organization reads its data and keeps its jobs and documents; moving money
/// (payments, void) takes Accountant or above; a signed-in user with no membership reads nothing.
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

    [Fact]
    public async Task Member_CanInvoiceButNotMoveMoney_AccountantCan()
    {
        var owner = await app.CreateUserAsync(OrganizationRole.Owner);
        var member = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.OrganizationId));
        var accountant = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.OrganizationId));

        var (jobId, _, _) = await member.CreateJobAsync();
        var invoice = await member.CreateAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = "Work", quantity = 1, unitAmount = 100m } } });
        Assert.Equal(HttpStatusCode.OK, (await member.PostJsonAsync($"/api/v1/invoices/{invoice.Id()}/finalize", new { })).StatusCode);

        var payment = new { method = "Check", applications = new[] { new { documentId = invoice.Id(), amount = 40m } } };
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostJsonAsync("/api/v1/payments", payment)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostJsonAsync($"/api/v1/invoices/{invoice.Id()}/void", new { })).StatusCode);
        var stillPending = await (await member.GetAsync($"/api/v1/invoices/{invoice.Id()}")).ReadJsonAsync();
        Assert.Equal("Pending", stillPending.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Created, (await accountant.PostJsonAsync("/api/v1/payments", payment)).StatusCode);
    }
}
