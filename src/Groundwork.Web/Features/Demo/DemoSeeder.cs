using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.Demo;

/// <summary>Demo settings. Bound from the "Demo" section.</summary>
public sealed class DemoOptions
{
    /// <summary>
    /// Seed the demo organization at start-up. Default: unset, which seeds in the Development environment only, so no
    /// deployment gets a known Owner password by accident; true or false decides it in any environment.
    /// </summary>
    public bool? Seed { get; set; }
    /// <summary>Demo sign-in. Default: owner@summitridge.example.</summary>
    public string Email { get; set; } = "owner@summitridge.example";
    /// <summary>Demo password. Default: groundwork-demo, printed at start-up; a configured password is never logged.</summary>
    public string Password { get; set; } = BuiltInPassword;

    public const string BuiltInPassword = "groundwork-demo";
}

/// <summary>Creates the demo organization once; running it again changes nothing.</summary>
internal sealed partial class DemoSeeder(GroundworkDbContext db, TenantContext tenant, UserManager<AppUser> users,
    IOptions<DemoOptions> options, DemoDocuments documents, IHostEnvironment environment, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var demo = options.Value;
        if (!(demo.Seed ?? environment.IsDevelopment())) return;

        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Name == DemoData.OrganizationName, ct);
        if (org is null)
        {
            org = new Organization { Name = DemoData.OrganizationName };
            db.Organizations.Add(org);
            await db.SaveChangesAsync(ct);
        }
        tenant.Use(org.Id);
        await EnsureUserAsync(org, demo.Email, demo.Password, "Demo Owner", OrganizationRole.Owner);

        if (!await db.Customers.AnyAsync(ct))
        {
            await documents.SeedAsync(ct);
        }
        if (demo.Password == DemoOptions.BuiltInPassword)
        {
            LogDemo(logger, demo.Email, demo.Password);
        }
        else
        {
            LogDemoConfiguredPassword(logger, demo.Email);
        }
    }

    internal async Task EnsureUserAsync(Organization org, string email, string password, string name, OrganizationRole role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Demo user could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id))
        {
            db.Memberships.Add(new Membership { OrganizationId = org.Id, UserId = user.Id, Role = role });
            await db.SaveChangesAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo organization ready. Sign in as {Email} with password {Password}")]
    private static partial void LogDemo(ILogger logger, string email, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo organization ready. Sign in as {Email} with the configured Demo:Password")]
    private static partial void LogDemoConfiguredPassword(ILogger logger, string email);
}
