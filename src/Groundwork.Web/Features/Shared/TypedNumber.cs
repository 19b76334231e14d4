using System.Globalization;
using System.Text.RegularExpressions;

namespace Groundwork.Web.Features.Shared;

/// <summary>
/// Numbers as people type them into a form: "$1,000.00", "1,000", " 1000.5 ", "-$25.10". Commas must group thousands,
/// so "1,00" (a decimal comma) is refused instead of being read as one hundred.
/// </summary>
public static partial class TypedNumber
{
    public static bool TryParseAmount(string? text, out decimal value) => TryParse(text, allowCurrency: true, out value);

    public static bool TryParseQuantity(string? text, out decimal value) => TryParse(text, allowCurrency: false, out value);

    private static bool TryParse(string? text, bool allowCurrency, out decimal value)
    {
        value = 0;
        var match = Shape().Match(text ?? "");
        if (!match.Success) return false;
        var signs = match.Groups["sign"].Captures.Count;
        if (signs > 1 || (!allowCurrency && match.Groups["currency"].Success)) return false;
        var digits = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal);
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed)) return false;
        value = signs == 1 ? -parsed : parsed;
        return true;
    }

    [GeneratedRegex(@"^\s*(?<sign>-)?\s*(?<currency>\$)?\s*(?<sign>-)?\s*(?<number>(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)\s*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
