using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Demo;
using Groundwork.Web.Features.Organizations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>
/// The whole app on a private database: in-memory SQLite by default, or a fresh PostgreSQL database when
/// GROUNDWORK_TEST_DATABASE=Postgres (test.sh sets it for the PostgreSQL leg). Orleans gets free ports.
/// </summary>
public class GroundworkAppFactory : WebApplicationFactory<Program>
{
    private readonly SqliteConnection? _keepAlive;
    private readonly string _connectionString;
    private readonly string? _postgresDatabase;
    private readonly string? _sqliteFile;

    public GroundworkAppFactory() : this(sqliteFile: false)
    {
    }

    /// <param name="sqliteFile">
    /// On the SQLite leg, use a temporary database file instead of shared-cache memory. Shared-cache SQLite locks per table, so a
    /// request reading one table while another writes it can deadlock until the 30 s command timeout; a file locks per database.
    /// Tests that race requests on purpose need the file.
    /// </param>
    /// <param name="provider">The database whichever leg runs (for tests about one provider); null: the leg's.</param>
    protected GroundworkAppFactory(bool sqliteFile, string? provider = null)
    {
        Provider = provider ?? Environment.GetEnvironmentVariable("GROUNDWORK_TEST_DATABASE") ?? "Sqlite";
        if (Provider == "Postgres")
        {
            var server = Environment.GetEnvironmentVariable("GROUNDWORK_TEST_POSTGRES")
                ?? throw new InvalidOperationException("GROUNDWORK_TEST_POSTGRES must name the PostgreSQL server for the PostgreSQL leg.");
            _postgresDatabase = $"gw_test_{Guid.NewGuid():N}";
            _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _postgresDatabase }.ConnectionString;
        }
        else if (sqliteFile)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"gw-test-{Guid.NewGuid():N}.db");
            _connectionString = $"Data Source={_sqliteFile}";
        }
        else
        {
            _connectionString = $"Data Source=file:gw-{Guid.NewGuid():N}?mode=memory&cache=shared";
            _keepAlive = new SqliteConnection(_connectionString);
            _keepAlive.Open();
        }
    }

    public string Provider { get; }

    /// <summary>This host's database, so a second host can be started on it (a restart, or another node).</summary>
    public string ConnectionString => _connectionString;

    protected virtual bool SeedDemo => false;

    /// <summary>The embedded emulator's admin key: outside Development the app refuses to embed the emulator without one.</summary>
    public const string EmulatorAdminKey = "test-emulator-admin-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("ConnectionStrings:Default", _connectionString);
        builder.UseSetting("Demo:Seed", SeedDemo ? "true" : "false");
        // Test hosts sign in many users from one address; SignInLimitTests checks the limit itself.
        builder.UseSetting("SignIn:PermitLimit", "100000");
        // "Testing" is not Development, so the embedded emulator must be asked for, and keyed.
        builder.UseSetting("QboEmulator:Embedded", "true");
        builder.UseSetting("QboEmulator:AdminKey", EmulatorAdminKey);
        builder.UseSetting("QboEmulator:InMemory", "true");
        // Outside Development the embedded emulator needs users of its own; these are the demo's, for the tests' sign-ins.
        builder.UseSetting("QboEmulator:Users:0:Email", "bookkeeper@example.com");
        builder.UseSetting("QboEmulator:Users:0:Password", "quickbooks");
        builder.UseSetting("QboEmulator:Users:0:GivenName", "Bea");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Creates an organization with one user of the given role; returns an API client signed in as that user.</summary>
    public async Task<HttpClient> CreateOrganizationClientAsync(string? name = null, OrganizationRole role = OrganizationRole.Owner)
    {
        var organizationId = await CreateOrganizationAsync(name);
        return await CreateUserClientAsync(organizationId, role);
    }

    public async Task<long> CreateOrganizationAsync(string? name = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var org = new Organization { Name = name ?? $"Org {Guid.NewGuid():N}" };
        db.Organizations.Add(org);
        await db.SaveChangesAsync();
        return org.Id;
    }

    /// <summary>Adds a user with the given role to an existing organization; returns an API client signed in as that user.</summary>
    public async Task<HttpClient> CreateUserClientAsync(long organizationId, OrganizationRole role = OrganizationRole.Owner)
    {
        var email = $"{Guid.NewGuid():N}@test.example";
        const string password = "correct-horse-battery";
        await AddUserAsync(organizationId, email, password, role);
        return await SignInAsync(email, password);
    }

    public async Task AddUserAsync(long organizationId, string email, string password, OrganizationRole role = OrganizationRole.Owner)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        var org = await db.Organizations.FindAsync(organizationId) ?? throw new InvalidOperationException($"No organization {organizationId}.");
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(org.Id);
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureUserAsync(org, email, password, "Test User", role);
    }

    /// <summary>An API client carrying the bearer token that /api/v1/auth/login issues for these credentials.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record TokenResponse(string AccessToken);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-journal", _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            var admin = new NpgsqlConnectionStringBuilder(_connectionString) { Database = "postgres", Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary>The app with the demo organization seeded, as `dotnet run` starts it.</summary>
public sealed class DemoAppFactory : GroundworkAppFactory
{
    protected override bool SeedDemo => true;
}

/// <summary>The app on a SQLite file on every leg, as `dotnet run` keeps it.</summary>
public sealed class SqliteFileAppFactory : GroundworkAppFactory
{
    public SqliteFileAppFactory() : base(sqliteFile: true, provider: "Sqlite")
    {
    }
}

/// <summary>The app on a SQLite file (or PostgreSQL on that leg), for tests that race requests against each other.</summary>
public sealed class RacingAppFactory : GroundworkAppFactory
{
    public RacingAppFactory() : base(sqliteFile: true)
    {
    }
}
