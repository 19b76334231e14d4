using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Data;

/// <summary>
/// The SQLite file `dotnet run` uses, as the app registers and prepares it: write-ahead log, and SQLite's own busy wait on
/// every connection (a writer meeting another waits milliseconds, not Microsoft.Data.Sqlite's 150 ms sleeps). On SQLite
/// whichever database the run's other leg uses: this is about the SQLite file.
/// </summary>
[Trait("Category", "Database")]
public sealed class SqliteFileTests(SqliteFileAppFactory app) : IClassFixture<SqliteFileAppFactory>
{
    private async Task<string> PragmaAsync(string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public async Task TheFile_IsInWriteAheadLogMode()
    {
        Assert.Equal("wal", await PragmaAsync("journal_mode"));
    }

    [Fact]
    public async Task EveryConnection_WaitsInSqliteWhenBusy()
    {
        Assert.Equal("5000", await PragmaAsync("busy_timeout"));
        // Another scope's connection has it too.
        Assert.Equal("5000", await PragmaAsync("busy_timeout"));
    }
}
