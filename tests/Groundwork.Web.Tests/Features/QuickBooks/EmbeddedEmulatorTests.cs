using System.Net;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Groundwork.Web.Tests.Features.QuickBooks;

/// <summary>Where the embedded QBO emulator is served: Development by default, elsewhere only when asked and keyed.</summary>
public sealed class EmbeddedEmulatorTests
{
    [Theory]
    [InlineData("Development", null, "secret-admin-key", true)]
    [InlineData("Production", null, null, false)]
    [InlineData("Testing", null, null, false)]
    [InlineData("Development", "false", null, false)]
    [InlineData("Production", "true", "secret-admin-key", true)]
    public async Task Emulator_EnvironmentAndSetting_EmbeddedOnlyInDevelopmentUnlessConfigured(string environment, string? embedded, string? adminKey, bool expected)
    {
        // Without the emulator, Groundwork talks to Intuit's sandbox, as a configured deployment would.
        await using var app = new EnvironmentAppFactory(environment, embedded, adminKey, quickBooks: expected ? "Custom" : "Sandbox");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var discovery = await client.GetAsync("/qbo/.well-known/openid_configuration");
        var served = discovery.StatusCode == HttpStatusCode.OK && (await discovery.Content.ReadAsStringAsync()).Contains("token_endpoint", StringComparison.Ordinal);

        Assert.Equal(expected, served);
    }

    [Fact]
    public async Task Startup_EmbeddedOutsideDevelopmentWithoutAdminKey_RefusesWithClearMessage()
    {
        await using var app = new EnvironmentAppFactory("Production", embedded: "true", adminKey: null);

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains("QboEmulator:AdminKey", messages, StringComparison.Ordinal);
        Assert.Contains("QboEmulator:Embedded", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_EmbeddedOutsideDevelopmentWithOnlyTheDemoUser_RefusesWithClearMessage()
    {
        await using var app = new EnvironmentAppFactory("Production", embedded: "true", adminKey: "secret-admin-key", usersConfigured: false);

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        Assert.Contains("QboEmulator:Users", string.Join(" | ", Flatten(failure).Select(e => e.Message)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_NotEmbeddedButQuickBooksStillPointsAtTheEmulator_RefusesWithClearMessage()
    {
        await using var app = new EnvironmentAppFactory("Production", embedded: null, adminKey: null, quickBooks: "Custom");

        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());

        var messages = string.Join(" | ", Flatten(failure).Select(e => e.Message));
        Assert.Contains("QboEmulator:Embedded", messages, StringComparison.Ordinal);
        Assert.Contains("QuickBooks:Environment", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_EmbeddedInDevelopmentWithoutAdminKey_Starts()
    {
        await using var app = new EnvironmentAppFactory("Development", embedded: null, adminKey: null);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        using var discovery = await client.GetAsync("/qbo/.well-known/openid_configuration");

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The app in a chosen environment, with the emulator setting and admin key as given (null = not set at all).</summary>
    private sealed class EnvironmentAppFactory(string environment, string? embedded, string? adminKey, string quickBooks = "Custom", bool usersConfigured = true) : GroundworkAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("QboEmulator:InMemory", "true");
            builder.UseSetting("QboEmulator:Embedded", embedded);
            builder.UseSetting("QboEmulator:AdminKey", adminKey);
            builder.UseSetting("QuickBooks:Environment", quickBooks);
            if (!usersConfigured) builder.UseSetting("QboEmulator:Users:0:Email", "");
        }
    }
}
