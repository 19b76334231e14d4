using System.Globalization;
using System.Text;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Api;

/// <summary>One WHERE condition: <c>Property op value</c>, <c>IN (…)</c> or <c>LIKE '…'</c>.</summary>
internal sealed record Condition(string Property, string Operator, IReadOnlyList<string> Values);

/// <summary>A parsed QBO query (API.md §4).</summary>
internal sealed record ParsedQuery(bool Count, string Entity, IReadOnlyList<Condition> Where, string? OrderBy, bool Descending, int Start, int Max);

/// <summary>Parses Intuit's SQL-like query language: keywords in any case, one entity, AND only, quoted strings with \' escapes.</summary>
internal sealed class QueryParser
{
    private readonly List<string> tokens;
    private readonly List<bool> quoted = [];
    private int position;

    private QueryParser(string text) => tokens = Tokenize(text, quoted);

    public static ParsedQuery Parse(string text)
    {
        if (text.Any(c => c > 127))
        {
            throw Faults.ParseQuery("Invalid content. Lexical error: non-ASCII character in the query.");
        }

        return new QueryParser(text).Query();
    }

    private ParsedQuery Query()
    {
        Expect("SELECT");
        var count = CountOrStar();
        Expect("FROM");
        var entity = Identifier();
        var where = new List<Condition>();
        if (PeekIs("WHERE"))
        {
            Next();
            where.Add(ConditionClause());
            while (PeekIs("AND"))
            {
                Next();
                where.Add(ConditionClause());
            }
        }

        var (orderBy, descending, start, max) = Tail();
        return new ParsedQuery(count, entity, where, orderBy, descending, start, max);
    }

    /// <summary>
    /// <c>*</c>, <c>COUNT(*)</c> or a property list. QBO accepts a list but returns every property anyway (API.md §4:
    /// "all properties are returned"), so the list is parsed and then ignored.
    /// </summary>
    private bool CountOrStar()
    {
        if (PeekIs("*"))
        {
            Next();
            return false;
        }

        if (!PeekIs("COUNT"))
        {
            Identifier();
            while (PeekIs(","))
            {
                Next();
                Identifier();
            }

            return false;
        }

        Next();
        Expect("(");
        Expect("*");
        Expect(")");
        return true;
    }

    /// <summary>ORDERBY, STARTPOSITION and MAXRESULTS, in any order.</summary>
    private (string? OrderBy, bool Descending, int Start, int Max) Tail()
    {
        string? orderBy = null;
        var descending = false;
        int start = 1, max = 100;
        while (position < tokens.Count)
        {
            var keyword = Next().ToUpperInvariant();
            switch (keyword)
            {
                case "ORDERBY" or "ORDER":
                    if (keyword == "ORDER")
                    {
                        Expect("BY");
                    }

                    orderBy = Identifier();
                    if (PeekIs("ASC") || PeekIs("DESC"))
                    {
                        descending = Next().Equals("DESC", StringComparison.OrdinalIgnoreCase);
                    }

                    break;
                case "STARTPOSITION":
                    start = Number();
                    break;
                case "MAXRESULTS":
                    max = Number();
                    break;
                default:
                    throw Unexpected(keyword);
            }
        }

        return (orderBy, descending, start, max);
    }

    private Condition ConditionClause()
    {
        var property = Identifier();
        var op = Next().ToUpperInvariant();
        if (op == "IN")
        {
            Expect("(");
            var values = new List<string> { Value() };
            while (PeekIs(","))
            {
                Next();
                values.Add(Value());
            }

            Expect(")");
            return new Condition(property, op, values);
        }

        return op is "=" or "<" or ">" or "<=" or ">=" or "!=" or "LIKE" ? new Condition(property, op, [Value()]) : throw Unexpected(op);
    }

    private string Value()
    {
        var index = position;
        var token = Next();
        return quoted[index] || token.Length > 0 && (char.IsAsciiDigit(token[0]) || token[0] == '-' || bool.TryParse(token, out _))
            ? token
            : throw Unexpected(token);
    }

    private int Number() =>
        int.TryParse(Next(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw Faults.ParseQuery("Expected a number.");

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "NULL", "SELECT", "FROM", "WHERE", "AND", "OR", "ORDERBY", "IN", "LIKE", "TRUE", "FALSE", "ASC", "DESC", "STARTPOSITION", "MAXRESULTS", "COUNT",
    };

    private string Identifier()
    {
        var index = position;
        var token = Next();
        return !quoted[index] && token.Length > 0 && (char.IsAsciiLetter(token[0]) || token[0] == '_') && !Reserved.Contains(token)
            ? token : throw Unexpected(token);
    }

    private void Expect(string expected)
    {
        if (position >= tokens.Count || quoted[position] || !tokens[position].Equals(expected, StringComparison.OrdinalIgnoreCase))
        {
            throw Unexpected(position < tokens.Count ? tokens[position] : "<EOF>");
        }

        position++;
    }

    private bool PeekIs(string keyword) =>
        position < tokens.Count && !quoted[position] && tokens[position].Equals(keyword, StringComparison.OrdinalIgnoreCase);

    private string Next() => position < tokens.Count ? tokens[position++] : throw Unexpected("<EOF>");

    private static QboException Unexpected(string token) =>
        Faults.ParseQuery($"Encountered \" \"{token}\" \"{token} \"\" at line 1.\nWas expecting one of the query keywords or an <IDENTIFIER>.");

    private static List<string> Tokenize(string text, List<bool> quoted)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var value = new StringBuilder();
                for (i++; i < text.Length && text[i] != '\''; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                if (i >= text.Length)
                {
                    throw Faults.ParseQuery("Lexical error: unterminated string literal.");
                }

                i++;
                tokens.Add(value.ToString());
                quoted.Add(true);
            }
            else
            {
                var length = c is '<' or '>' or '!' && i + 1 < text.Length && text[i + 1] == '=' ? 2
                    : "()*,=<>".Contains(c, StringComparison.Ordinal) ? 1
                    : WordLength(text, i);
                tokens.Add(text.Substring(i, length));
                quoted.Add(false);
                i += length;
            }
        }

        return tokens;
    }

    private static int WordLength(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && !"()*,=<>!'".Contains(text[end], StringComparison.Ordinal))
        {
            end++;
        }

        return end == start ? throw Faults.ParseQuery($"Lexical error at character '{text[start]}'.") : end - start;
    }
}
