using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Groundwork.QboEmulator.Store;

/// <summary>
/// Write-behind persistence: the in-memory state answers requests; every change is queued and written in batched
/// transactions, so throughput is not bound by fsyncs. State survives restarts; at most the last few ms can be lost on a crash.
/// </summary>
internal sealed class SqlitePersistence : BackgroundService
{
    private readonly Channel<PersistOp> queue = Channel.CreateUnbounded<PersistOp>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string? connectionString;

    public SqlitePersistence(IOptions<QboEmulatorOptions> options)
    {
        var o = options.Value;
        if (o.InMemory || string.IsNullOrWhiteSpace(o.DatabasePath))
        {
            return;
        }

        var full = Path.GetFullPath(o.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS docs (realm TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (realm, kind, key));");
    }

    public bool Enabled => connectionString is not null;

    public void Enqueue(PersistOp op)
    {
        if (Enabled)
        {
            queue.Writer.TryWrite(op);
        }
    }

    public List<PersistedRow> LoadAll()
    {
        var rows = new List<PersistedRow>();
        if (!Enabled)
        {
            return rows;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT realm, kind, key, json FROM docs";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new PersistedRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException)
        {
            Flush();
        }
    }

    /// <summary>Writes everything queued so far in one transaction.</summary>
    public void Flush()
    {
        if (!Enabled || !queue.Reader.TryPeek(out _))
        {
            return;
        }

        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        using var upsert = connection.CreateCommand();
        upsert.CommandText = "INSERT INTO docs (realm, kind, key, json) VALUES ($r, $k, $key, $j) ON CONFLICT (realm, kind, key) DO UPDATE SET json = excluded.json";
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM docs WHERE realm = $r AND kind = $k AND key = $key";
        upsert.Transaction = transaction;
        delete.Transaction = transaction;
        while (queue.Reader.TryRead(out var op))
        {
            var command = op.Json is null ? delete : upsert;
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$r", op.Realm);
            command.Parameters.AddWithValue("$k", op.Kind);
            command.Parameters.AddWithValue("$key", op.Key);
            if (op.Json is not null)
            {
                command.Parameters.AddWithValue("$j", op.Json);
            }

            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
