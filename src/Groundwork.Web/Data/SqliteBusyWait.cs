using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Groundwork.Web.Data;

/// <summary>
/// Every SQLite connection waits for a busy database inside SQLite (<c>PRAGMA busy_timeout</c>: retries a millisecond or a
/// few apart) instead of failing at once and leaving Microsoft.Data.Sqlite's own retry, which sleeps 150 ms a time. Two
/// writers meet often (a webhook delivery being stored while a company's grain records what it read), and each meeting
/// cost a request 150 ms.
/// </summary>
public sealed class SqliteBusyWait : DbConnectionInterceptor
{
    /// <summary>A statement waits up to 5 s for another connection's write to end before SQLite reports the database busy.</summary>
    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
