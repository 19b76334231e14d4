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
        await UseWriteAheadLogAsync(db, ct);
        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(ct);
            LogMigrated(app.Logger, db.Database.ProviderName ?? "?");
        }
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(ct);
    }

    /// <summary>
    /// A SQLite file is kept in write-ahead-log mode (it stays so in the file): readers never block the writer and a commit
    /// is one append and one fsync, where the default rollback journal took several and locked readers out. An in-memory
    /// database ignores it. PostgreSQL: nothing to do.
    /// </summary>
    public static async Task UseWriteAheadLogAsync(GroundworkDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);
}
