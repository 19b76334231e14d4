using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Groundwork.QuickBooks;

/// <summary>
/// Builds a QBO query (<c>SELECT * | COUNT(*) FROM Entity WHERE … ORDERBY … STARTPOSITION n MAXRESULTS n</c>).
/// Values are always rendered here, escaped, never concatenated by callers. QBO has no OR; conditions join with AND.
/// Immutable: every method returns a new query.
/// </summary>
public sealed partial record QboQuery
{
    /// <summary>QBO's page size ceiling.</summary>
    public const int MaxPageSize = 1000;

    private QboQuery(string entity, bool count)
    {
        Entity = entity;
        IsCount = count;
    }

    public string Entity { get; }

    public bool IsCount { get; }

    public IReadOnlyList<string> Conditions { get; private init; } = [];

    public string? OrderByClause { get; private init; }

    public int? StartPositionValue { get; private init; }

    public int? MaxResultsValue { get; private init; }

    /// <summary><c>SELECT * FROM entity</c>.</summary>
    public static QboQuery From(string entity) => new(CheckIdentifier(entity), count: false);

    /// <summary><c>SELECT COUNT(*) FROM entity</c>; the answer is QueryResponse.totalCount.</summary>
    public static QboQuery Count(string entity) => new(CheckIdentifier(entity), count: true);

    public QboQuery Where(string field, QboOperator op, object value) =>
        AddCondition($"{CheckIdentifier(field)} {Symbol(op)} {Literal(value)}");

    public QboQuery WhereEquals(string field, object value) => Where(field, QboOperator.Equal, value);

    /// <summary><c>field LIKE 'pattern'</c>; <c>%</c> is QBO's only wildcard and is passed through.</summary>
    public QboQuery WhereLike(string field, string pattern) =>
        AddCondition($"{CheckIdentifier(field)} LIKE {Literal(pattern)}");

    public QboQuery WhereIn(string field, IEnumerable<object> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rendered = values.Select(Literal).ToList();
        if (rendered.Count == 0)
        {
            throw new ArgumentException("IN needs at least one value.", nameof(values));
        }

        return AddCondition($"{CheckIdentifier(field)} IN ({string.Join(", ", rendered)})");
    }

    /// <summary>Inactive ("deleted") names are left out of plain queries; this asks for both.</summary>
    public QboQuery IncludeInactive() =>
        Conditions.Contains(InactiveCondition) ? this : AddCondition(InactiveCondition);

    public QboQuery OrderBy(string field, bool descending = false) =>
        this with { OrderByClause = $"{CheckIdentifier(field)} {(descending ? "DESC" : "ASC")}" };

    /// <summary>1-based row to start at.</summary>
    public QboQuery StartPosition(int position)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        return this with { StartPositionValue = position };
    }

    public QboQuery MaxResults(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxPageSize);
        return this with { MaxResultsValue = count };
    }

    public override string ToString()
    {
        var sql = new StringBuilder(IsCount ? "SELECT COUNT(*) FROM " : "SELECT * FROM ").Append(Entity);
        if (Conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", Conditions);
        }

        if (OrderByClause is not null)
        {
            sql.Append(" ORDERBY ").Append(OrderByClause);
        }

        if (StartPositionValue is { } start)
        {
            sql.Append(CultureInfo.InvariantCulture, $" STARTPOSITION {start}");
        }

        if (MaxResultsValue is { } max)
        {
            sql.Append(CultureInfo.InvariantCulture, $" MAXRESULTS {max}");
        }

        return sql.ToString();
    }

    /// <summary>A value as a QBO literal: strings quoted with <c>\'</c> escapes, booleans bare, numbers invariant.</summary>
    public static string Literal(object value) => value switch
    {
        null => throw new ArgumentNullException(nameof(value), "QBO has no NULL literal outside IN (' ')."),
        string s => Quote(s),
        bool b => b ? "true" : "false",
        DateOnly d => Quote(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset t => Quote(t.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)),
        DateTime => throw new ArgumentException("Use DateTimeOffset or DateOnly: QBO times need an offset.", nameof(value)),
        int or long or decimal or double or float => Quote(Convert.ToString(value, CultureInfo.InvariantCulture)!),
        _ => throw new ArgumentException($"Unsupported query value type {value.GetType().Name}.", nameof(value)),
    };

    private const string InactiveCondition = "Active IN (true, false)";

    // Backslash first, so the backslash added before a quote is not doubled. QBO documents only \' (gist 6582149);
    // escaping the backslash itself keeps a trailing backslash from swallowing the closing quote.
    private static string Quote(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private QboQuery AddCondition(string condition) => this with { Conditions = [.. Conditions, condition] };

    private static string Symbol(QboOperator op) => op switch
    {
        QboOperator.Equal => "=",
        QboOperator.LessThan => "<",
        QboOperator.GreaterThan => ">",
        QboOperator.LessThanOrEqual => "<=",
        QboOperator.GreaterThanOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    // Field and entity names are code, not data: anything but a dotted identifier would be an injection.
    private static string CheckIdentifier(string name) =>
        name is not null && IdentifierPattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a QBO entity or field name.", nameof(name));

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$")]
    private static partial Regex IdentifierPattern();
}

/// <summary>Comparison operators QBO's query language supports.</summary>
public enum QboOperator
{
    Equal,
    LessThan,
    GreaterThan,
    LessThanOrEqual,
    GreaterThanOrEqual,
}
