using System.Net;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Store;

public sealed class PersistenceTests
{
    [Fact]
    public async Task SqliteFile_StateAndConnectionSurviveRestart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"qbo-emulator-{Guid.NewGuid():N}.db");
        try
        {
            string accessToken;
            string id;
            await using (var first = await TestEmulator.StartAsync(o => { o.InMemory = false; o.DatabasePath = path; }))
            {
                var api = await first.ApiAsync();
                accessToken = api.AccessToken;
                id = (string)(await api.PostAsync("customer", """{"DisplayName":"Persisted Co"}""")).Json["Customer"]!["Id"]!;
                await api.PostAsync("customer?requestid=persist-1", """{"DisplayName":"Replayed Co"}""");
            }

            await using var second = await TestEmulator.StartAsync(o => { o.InMemory = false; o.DatabasePath = path; });
            var again = new QboCalls(second.Client, $"/qbo/v3/company/{TestEmulator.UsRealm}", accessToken);

            var read = await again.GetAsync($"customer/{id}");
            var replay = await again.PostAsync("customer?requestid=persist-1", """{"DisplayName":"Replayed Co"}""");
            var next = await again.PostAsync("customer", """{"DisplayName":"After Restart Co"}""");

            Assert.Equal(HttpStatusCode.OK, read.Status);
            Assert.Equal("Persisted Co", (string?)read.Json["Customer"]!["DisplayName"]);
            Assert.Equal(HttpStatusCode.OK, replay.Status);
            Assert.True(int.Parse((string)next.Json["Customer"]!["Id"]!, System.Globalization.CultureInfo.InvariantCulture) > int.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
    }
}
