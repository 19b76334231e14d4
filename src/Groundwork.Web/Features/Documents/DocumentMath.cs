namespace Groundwork.Web.Features.Documents;

/// <summary>Totals in cents. Rounding is half away from zero, per line and once for tax, as QBO does.</summary>
public static class DocumentMath
{
    public static long LineAmount(decimal quantity, long unitCents) =>
        (long)decimal.Round(quantity * unitCents, 0, MidpointRounding.AwayFromZero);

    public static void Recalculate(Document document)
    {
        foreach (var line in document.Lines)
        {
            line.AmountCents = LineAmount(line.Quantity, line.UnitAmountCents);
        }
        document.SubtotalCents = document.Lines.Sum(l => l.AmountCents);
        var taxable = document.Lines.Where(l => l.Taxable).Sum(l => l.AmountCents);
        document.TaxCents = (long)decimal.Round(taxable * document.TaxRateBasisPoints / 10_000m, 0, MidpointRounding.AwayFromZero);
        document.TotalCents = document.SubtotalCents + document.TaxCents;
    }

    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100, 0, MidpointRounding.AwayFromZero);

    public static string Format(long cents) =>
        (cents / 100m).ToString("C", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
}
