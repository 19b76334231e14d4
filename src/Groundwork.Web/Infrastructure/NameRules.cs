using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;

namespace Groundwork.Web.Infrastructure;

/// <summary>
/// The one rule for every name (customer, vendor, location, job, cost code, cost type, document line): no control
/// characters (they break QuickBooks, exports and screens) and at least one visible character (a name of zero-width
/// spaces looks blank and impersonates another).
/// </summary>
public static class NameRules
{
    /// <summary>Why <paramref name="name"/> is not a usable name, starting with <paramref name="label"/>; null when it is (or is empty: Required says so).</summary>
    public static string? Problem(string? name, string label)
    {
        if (string.IsNullOrEmpty(name)) return null;
        var visible = false;
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsControl(name[i])) return $"{label} cannot contain control characters (such as tabs or line breaks).";
            if (Rune.TryGetRuneAt(name, i, out var rune))
            {
                visible |= IsVisible(rune);
                if (rune.Utf16SequenceLength == 2) i++;
            }
            else
            {
                return $"{label} cannot contain control characters or broken characters.";
            }
        }
        return visible ? null : $"{label} must contain a visible character; it has only invisible ones (such as zero-width spaces).";
    }

    /// <summary>
    /// Any free text (memo, description, address, …) must at least be storable: PostgreSQL's text cannot hold NUL, and
    /// a lone surrogate has no UTF-8 form, so either would fail the save with a 500 instead of a 400.
    /// </summary>
    public static bool IsStorable(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal)) return false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!Rune.TryGetRuneAt(text, i, out var rune)) return false;
            if (rune.Utf16SequenceLength == 2) i++;
        }
        return true;
    }

    private static bool IsVisible(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark => false,
        UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate => false,
        // Letters and symbols that render as blank space (Hangul fillers, the blank Braille pattern).
        _ => rune.Value is not (0x115F or 0x1160 or 0x3164 or 0xFFA0 or 0x2800),
    };
}

/// <summary>Applies <see cref="NameRules"/> to an input property; the message uses the property's display name.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NameTextAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        NameRules.Problem(value as string, validationContext.DisplayName) is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
