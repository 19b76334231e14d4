using Groundwork.Web.Data;
using Groundwork.Web.Features;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web;

/// <summary>Entry point. A named, namespaced class (not top-level statements) so tests can host the app unambiguously.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddGroundworkData();
        builder.AddGroundworkAccounts();
        builder.AddGroundworkFeatures();
        builder.AddGroundworkQuickBooks();
        builder.AddGroundworkOrleans();
        builder.AddGroundworkForwardedHeaders();
        builder.AddGroundworkTelemetry();

        var app = builder.Build();
        if (await app.RunCommandAsync(args) is { } exitCode)
        {
            Environment.ExitCode = exitCode;
            return;
        }
        app.UseGroundworkForwardedHeaders();
        app.UseGroundworkSecurityHeaders();
        app.UseExceptionHandler();
        app.UseGroundworkStatusPages();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseApiAntiforgery();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapGroundworkApi();
        app.MapHealth();
        app.MapGroundworkQuickBooks();
        app.MapRazorPages();
        await app.PrepareDatabaseAsync();
        await app.RunAsync();
    }
}
