using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Groundwork.Web.Tests.Data;

/// <summary>Each provider's migrations describe the model exactly: no change is waiting for a migration. No server is needed.</summary>
public sealed class ModelTests
{
    private sealed class NoOrganization : ITenantContext
    {
        public long? OrganizationId => null;
    }

    private static SqliteGroundworkDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteGroundworkDbContext>().UseSqlite("Data Source=:memory:").Options, new NoOrganization(), Groundwork.Web.Infrastructure.AppClock.Real);

    private static PostgresGroundworkDbContext Postgres() =>
        new(new DbContextOptionsBuilder<PostgresGroundworkDbContext>().UseNpgsql("Host=127.0.0.1;Database=groundwork_model_check").Options, new NoOrganization(), Groundwork.Web.Infrastructure.AppClock.Real);

    [Fact]
    public void Sqlite_Model_HasNoPendingChanges()
    {
        using var db = Sqlite();

        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite model changed without a migration: add one to Groundwork.Data.Sqlite.");
    }

    [Fact]
    public void Postgres_Model_HasNoPendingChanges()
    {
        using var db = Postgres();

        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL model changed without a migration: add one to Groundwork.Data.Postgres.");
    }

    [Fact]
    public void EachProvider_HasItsOwnMigrations()
    {
        using var sqlite = Sqlite();
        using var postgres = Postgres();

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.NotEmpty(sqliteMigrations);
        Assert.NotEmpty(postgresMigrations);
        Assert.Equal(typeof(SqliteGroundworkDbContext), MigrationsContext(sqlite));
        Assert.Equal(typeof(PostgresGroundworkDbContext), MigrationsContext(postgres));
    }

    /// <summary>The context type the migrations assembly found migrations for: proves neither provider borrows the other's.</summary>
    private static Type MigrationsContext(DbContext db)
    {
        var migrations = db.GetService<IMigrationsAssembly>().Migrations;
        Assert.NotEmpty(migrations);
        var attribute = migrations.Values.First().GetCustomAttributes(typeof(DbContextAttribute), inherit: false).Cast<DbContextAttribute>().Single();
        return attribute.ContextType;
    }

    [Fact]
    public void Model_EveryTenantRow_IsFilteredAndVersionedRowsAreConcurrencyTokens()
    {
        using var db = Sqlite();

        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.BaseType is null && !e.IsOwned()))
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                Assert.True(entity.GetDeclaredQueryFilters().Count > 0, $"{entity.ClrType.Name} has no tenancy filter");
            }
            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                Assert.True(entity.FindProperty(nameof(IVersioned.Version))!.IsConcurrencyToken, $"{entity.ClrType.Name}.Version is not a concurrency token");
            }
        }
    }
}
