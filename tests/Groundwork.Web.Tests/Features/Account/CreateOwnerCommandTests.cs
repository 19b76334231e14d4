using System.Net;
using System.Net.Http.Json;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.Account;

/// <summary>`create-owner` starts a real deployment: an organization and its Owner, the password never on the command line.</summary>
[Trait("Category", "Database")]
public sealed class CreateOwnerCommandTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    private const string Password = "a-long-owner-password";

    [Fact]
    public async Task CreateOwner_PasswordFromEnvironment_CreatesOrganizationAndOwnerWhoCanSignIn()
    {
        var email = $"{Guid.NewGuid():N}@deploy.example";

        var (code, _, _) = await RunAsync(["create-owner", "--email", email, "--organization", "Cascade Builders"], stdin: "", env: Password);

        Assert.Equal(0, code);
        var membership = await MembershipAsync(email);
        Assert.NotNull(membership);
        Assert.Equal(OrganizationRole.Owner, membership.Role);
        Assert.Equal("Cascade Builders", membership.Organization!.Name);
        var owner = await app.SignInAsync(email, Password);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync("/api/v1/payments/999999")).StatusCode);
    }

    [Fact]
    public async Task CreateOwner_PasswordFromStandardInput_IsUsed()
    {
        var email = $"{Guid.NewGuid():N}@deploy.example";

        var (code, _, _) = await RunAsync(["create-owner", "--email", email, "--organization", "Piped Co"], stdin: Password + "\n", env: null);

        Assert.Equal(0, code);
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task CreateOwner_EmailThatExists_IsRefusedAndCreatesNothing()
    {
        var existing = await app.CreateUserAsync(OrganizationRole.Member);
        var organizations = await CountOrganizationsAsync();

        var (code, _, error) = await RunAsync(["create-owner", "--email", existing.Email, "--organization", "Takeover Inc"], stdin: "", env: Password);

        Assert.Equal(1, code);
        Assert.Contains("already has an account", error, StringComparison.Ordinal);
        Assert.Equal(organizations, await CountOrganizationsAsync());
        Assert.Equal(OrganizationRole.Member, (await MembershipAsync(existing.Email))!.Role);
    }

    [Fact]
    public async Task CreateOwner_PasswordOnTheCommandLine_IsRefused()
    {
        var email = $"{Guid.NewGuid():N}@deploy.example";

        var (code, _, error) = await RunAsync(["create-owner", "--email", email, "--organization", "Leaky", "--password", Password], stdin: "", env: null);

        Assert.Equal(2, code);
        Assert.Contains(CreateOwnerCommand.PasswordVariable, error, StringComparison.Ordinal);
        Assert.Null(await MembershipAsync(email));
    }

    [Fact]
    public async Task CreateOwner_ShortPassword_IsRefusedAndCreatesNothing()
    {
        var email = $"{Guid.NewGuid():N}@deploy.example";
        var organizations = await CountOrganizationsAsync();

        var (code, _, error) = await RunAsync(["create-owner", "--email", email, "--organization", "Short"], stdin: "", env: "short");

        Assert.Equal(1, code);
        Assert.Contains("at least 10", error, StringComparison.Ordinal);
        Assert.Equal(organizations, await CountOrganizationsAsync());
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(string[] args, string stdin, string? env)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CreateOwnerCommand.RunAsync(app.Services, args, new StringReader(stdin),
            name => name == CreateOwnerCommand.PasswordVariable ? env : null, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<Membership?> MembershipAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Email == email);
        return user is null ? null : await db.Memberships.IgnoreQueryFilters().Include(m => m.Organization).FirstOrDefaultAsync(m => m.UserId == user.Id);
    }

    private async Task<int> CountOrganizationsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GroundworkDbContext>().Organizations.CountAsync();
    }
}
