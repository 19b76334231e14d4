using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.Account;

[Trait("Category", "Database")]
public sealed class RoleTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
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
