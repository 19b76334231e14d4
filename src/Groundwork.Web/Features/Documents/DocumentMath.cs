using Groundwork.Web.Data;

namespace Groundwork.Web.Features.Documents;

/// <summary>
/// Totals in cents. Rounding is half away from zero, per line and once for tax, as QBO does. Arithmetic is checked:
/// inputs within <see cref="Limits"/> cannot overflow, and if they ever did the save fails instead of storing a wrong sign.
/// </summary>
public static class DocumentMath
{
    public static long LineAmount(decimal quantity, long unitCents) =>
        (long)decimal.Round(quantity * unitCents, 0, MidpointRounding.AwayFromZero);

    public static void Recalculate(Document document)
    {
        checked
        {
            long subtotal = 0, taxable = 0;
            foreach (var line in document.Lines)
            {
                line.AmountCents = LineAmount(line.Quantity, line.UnitAmountCents);
                subtotal += line.AmountCents;
                if (line.Taxable) taxable += line.AmountCents;
            }
            document.SubtotalCents = subtotal;
            document.TaxCents = (long)decimal.Round((decimal)taxable * document.TaxRateBasisPoints / 10_000m, 0, MidpointRounding.AwayFromZero);
            document.TotalCents = document.SubtotalCents + document.TaxCents;
        }
    }

    /// <summary>The first amount of the document outside ±<see cref="Limits.LargestAmountCents"/>, named for the user; null when all fit.</summary>
    public static string? OutOfRange(Document document)
    {
        var largest = Limits.LargestAmountCents;
        var line = document.Lines.FirstOrDefault(l => Math.Abs(l.AmountCents) > largest);
        if (line is not null) return $"Line {line.Position + 1} comes to {Format(line.AmountCents)}; a line can be at most {Format(largest)}.";
        if (Math.Abs(document.SubtotalCents) > largest || Math.Abs(document.TotalCents) > largest)
        {
            return $"The total would be {Format(Math.Abs(document.SubtotalCents) > Math.Abs(document.TotalCents) ? document.SubtotalCents : document.TotalCents)}; "
                + $"a document can total at most {Format(largest)} either way.";
        }
        return null;
    }

    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100, 0, MidpointRounding.AwayFromZero);

    public static string Format(long cents) => Format((decimal)cents);

    /// <summary>For sums over many documents, which are kept in decimal cents.</summary>
    public static string Format(decimal cents) =>
        (cents / 100m).ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
}
