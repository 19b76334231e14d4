using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Groundwork.Web.Data;

/// <summary>
/// Inserts many new rows with multi-row INSERT statements and nothing tracked, for paths that write hundreds of rows at once
/// (the push engine recording its results). Table, columns and value conversions come from the EF model and each row is
/// stamped as a save stamps it (<see cref="GroundworkDbContext.StampNew"/>), so a row written here reads back like one saved
/// by EF. Store-generated keys are left to the database and not read back. Runs in the caller's transaction, if any;
/// constraints (unique keys) refuse a row exactly as they would a save.
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Rows per statement. Few parameters a statement, as SQLite finds each parameter by name in a list (binding n parameters
    /// costs n²), and far inside its (32,766) and PostgreSQL's (65,535) limits.
    /// </summary>
    public const int RowsPerStatement = 25;

    public static async Task InsertAsync<T>(GroundworkDbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
        if (columns.Any(p => p.IsShadowProperty() || p.ValueGenerated != ValueGenerated.Never))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow or generated columns; save it through the context.");
        }
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES";
        var now = db.StampTime();
        foreach (var chunk in rows.Chunk(RowsPerStatement))
        {
            var text = new StringBuilder(head);
            var values = new List<object>(chunk.Length * columns.Count);
            for (var r = 0; r < chunk.Length; r++)
            {
                db.StampNew(chunk[r], now);
                text.Append(r == 0 ? "\n(" : ",\n(");
                for (var c = 0; c < columns.Count; c++)
                {
                    if (c > 0) text.Append(", ");
                    var value = columns[c].GetGetter().GetClrValueUsingContainingEntity(chunk[r]);
                    if (value is not null && columns[c].GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
                    if (value is null)
                    {
                        text.Append("NULL");
                        continue;
                    }
                    text.Append('{').Append(values.Count).Append('}');
                    values.Add(value);
                }
                text.Append(')');
            }
            await db.Database.ExecuteSqlRawAsync(text.ToString(), values, ct);
        }
    }
}
