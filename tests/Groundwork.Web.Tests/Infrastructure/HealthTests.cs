using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Infrastructure;

[Trait("Category", "Database")]
public sealed class HealthTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task Health_Anonymous_AnswersOkWithDatabaseAndSiloPong()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/health");

        var json = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", json.GetProperty("status").GetString());
        Assert.Equal("pong:health", json.GetProperty("silo").GetString());
        var provider = json.GetProperty("database").GetString();
        Assert.EndsWith(app.Provider == "Postgres" ? "PostgreSQL" : "Sqlite", provider);
    }
}
