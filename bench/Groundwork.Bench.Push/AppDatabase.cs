using Microsoft.Data.Sqlite;

namespace Groundwork.Bench.Push;

/// <summary>
/// The app's SQLite file, opened read-only while the app runs: the transactions log keeps every attempt the drain saw
/// fail, including throttles that were retried later (each showed the document as "Retrying" for a while), which no API lists.
/// </summary>
internal static class AppDatabase
{
    public static (int ThrottledAttempts, Dictionary<string, int> States) Read(string path, string organization)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var org = connection.CreateCommand();
        org.CommandText = "SELECT Id FROM Organizations WHERE Name = $name";
        org.Parameters.AddWithValue("$name", organization);
        var id = (long)org.ExecuteScalar()!;

        using var throttled = connection.CreateCommand();
        throttled.CommandText = "SELECT COUNT(*) FROM QboSyncLog WHERE OrganizationId = $id AND Result = 'Failed' AND Code IN ('3001', '429')";
        throttled.Parameters.AddWithValue("$id", id);
        var attempts = Convert.ToInt32(throttled.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        using var states = connection.CreateCommand();
        states.CommandText = "SELECT State, COUNT(*) FROM DocumentSyncs WHERE OrganizationId = $id GROUP BY State ORDER BY State";
        states.Parameters.AddWithValue("$id", id);
        var byState = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = states.ExecuteReader();
        while (reader.Read()) byState[reader.GetString(0)] = reader.GetInt32(1);
        return (attempts, byState);
    }
}
