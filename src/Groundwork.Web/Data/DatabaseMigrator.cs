using Groundwork.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Data;

/// <summary>Applies migrations, then seeds the demo organization when asked, before the host starts.</summary>
internal static partial class DatabaseMigrator
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(ct);
            LogMigrated(app.Logger, db.Database.ProviderName ?? "?");
        }
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);
}
