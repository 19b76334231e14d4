using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Groundwork.Web.Tests.Features.Demo;

/// <summary>
/// The demo organization (a known Owner password) appears only where it belongs: in Development, or when Demo:Seed
/// asks for it; a configured demo password never reaches the log.
/// </summary>
[Trait("Category", "Database")]
public sealed class DemoSeedDefaultsTests
{
    [Theory]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Development", null, true)]
    [InlineData("Production", "true", true)]
    [InlineData("Development", "false", false)]
    public async Task DemoSeed_ByEnvironmentAndSetting_SeedsOnlyWhenExpected(string environment, string? seed, bool seeded)
    {
        await using var database = new GroundworkAppFactory();
        await using var host = database.WithWebHostBuilder(b => b.UseEnvironment(environment).UseSetting("Demo:Seed", seed)
            .UseSetting("DataProtection:KeyEncryptionKey", Convert.ToBase64String(new byte[32])));

        Assert.Equal(seeded, await DemoOwnerExistsAsync(host));
    }

    [Fact]
    public async Task DemoSeed_ConfiguredPassword_IsNeverLogged()
    {
        await using var database = new GroundworkAppFactory();
        var logs = new LogCapture();
        await using var host = database.WithWebHostBuilder(b => b.UseSetting("Demo:Seed", "true").UseSetting("Demo:Password", "s3cret-configured-pass")
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));

        Assert.True(await DemoOwnerExistsAsync(host));
        Assert.Contains(logs.Entries, e => e.Message.Contains("owner@summitridge.example", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("s3cret-configured-pass", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoSeed_BuiltInPassword_IsPrintedAsTheReadmePromises()
    {
        await using var database = new GroundworkAppFactory();
        var logs = new LogCapture();
        await using var host = database.WithWebHostBuilder(b => b.UseEnvironment("Development").UseSetting("Demo:Seed", null)
            .ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));

        Assert.True(await DemoOwnerExistsAsync(host));
        Assert.Contains(logs.Entries, e => e.Message.Contains("groundwork-demo", StringComparison.Ordinal));
    }

    private static async Task<bool> DemoOwnerExistsAsync(WebApplicationFactory<Web.Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        return await db.Users.AnyAsync(u => u.Email == "owner@summitridge.example");
    }
}
