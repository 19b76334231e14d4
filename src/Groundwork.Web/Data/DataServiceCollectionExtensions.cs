using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Data;

/// <summary>Database settings. Bound from the "Database" section.</summary>
public sealed class DatabaseOptions
{
    /// <summary>"Sqlite" (default) or "Postgres".</summary>
    public string Provider { get; set; } = "Sqlite";
    /// <summary>Apply migrations at start-up. Default: true.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

internal static class DataServiceCollectionExtensions
{
    public const string DefaultSqlite = "Data Source=data/groundwork.db";

    public static WebApplicationBuilder AddGroundworkData(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connection = builder.Configuration.GetConnectionString("Default");
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection("Database"));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<TenantContext>();
        builder.Services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddScoped<Features.QuickBooks.Sync.OutboxWakeInterceptor>();

        if (string.Equals(options.Provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set.");
            }
            builder.Services.AddDbContext<GroundworkDbContext, PostgresGroundworkDbContext>((sp, o) => o.UseNpgsql(connection).AddInterceptors(Interceptors(sp)));
        }
        else if (string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            connection = string.IsNullOrWhiteSpace(connection) ? DefaultSqlite : connection;
            EnsureSqliteFolder(connection);
            builder.Services.AddDbContext<GroundworkDbContext, SqliteGroundworkDbContext>((sp, o) => o.UseSqlite(connection).AddInterceptors([.. Interceptors(sp), BusyWait]));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not known; use Sqlite or Postgres.");
        }

        builder.Services.AddDataProtection().SetApplicationName("Groundwork").PersistKeysToDbContext<GroundworkDbContext>()
            .ProtectKeysFromConfiguration(builder.Configuration);
        return builder;
    }

    /// <summary>Per scope, like the context: the wake-up interceptor remembers what this context's save queued.</summary>
    private static Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] Interceptors(IServiceProvider services) =>
        [services.GetRequiredService<Features.QuickBooks.Sync.OutboxWakeInterceptor>()];

    private static readonly SqliteBusyWait BusyWait = new();

    private static void EnsureSqliteFolder(string connection)
    {
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
