using Groundwork.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Groundwork.Web.Infrastructure;

/// <summary>One place that turns the database's refusals into outcomes a person can act on.</summary>
internal static class SaveChanges
{
    public const string ConflictMessage =
        "Someone else changed this record after you opened it. Reload it to see their changes, then apply yours again.";

    /// <param name="uniqueField">The field to blame when a unique index refuses the row.</param>
    /// <param name="uniqueMessage">What to tell the user then.</param>
    public static async Task<Outcome<T>> TryAsync<T>(GroundworkDbContext db, T value, string uniqueField, string uniqueMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<T>.Ok(value);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome<T>.Conflict(ConflictMessage);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return Outcome<T>.Invalid(uniqueField, uniqueMessage);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>
    /// A new row (no id) added to the context, or the existing one expected at the version the user edited;
    /// null when that row does not exist in this organization.
    /// </summary>
    public static async Task<TEntity?> FindOrAddAsync<TEntity>(GroundworkDbContext db, long? id, long? expectedVersion, Func<TEntity> create,
        CancellationToken ct) where TEntity : TenantEntity
    {
        if (id is null)
        {
            var added = create();
            db.Add(added);
            return added;
        }
        var found = await db.Set<TEntity>().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (found is not null)
        {
            ExpectVersion(db, found, expectedVersion);
        }
        return found;
    }

    /// <summary>Makes the save fail with a conflict unless the row is still at the version the user saw.</summary>
    public static void ExpectVersion<TEntity>(GroundworkDbContext db, TEntity entity, long? expected) where TEntity : class, IVersioned
    {
        if (expected is { } version)
        {
            db.Entry(entity).Property(e => e.Version).OriginalValue = version;
        }
    }
}
