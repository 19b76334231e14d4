using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Groundwork.Web.Data;

/// <summary>Used only by `dotnet ef` to build each provider's model for its migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteGroundworkDbContext>
{
    public SqliteGroundworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteGroundworkDbContext>().UseSqlite("Data Source=design.db").Options,
            new NoTenant(), AppClock.Real);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresGroundworkDbContext>
{
    public PostgresGroundworkDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresGroundworkDbContext>().UseNpgsql("Host=localhost;Database=groundwork_design").Options,
            new NoTenant(), AppClock.Real);
}

internal sealed class NoTenant : ITenantContext
{
    public long? OrganizationId => null;
}
