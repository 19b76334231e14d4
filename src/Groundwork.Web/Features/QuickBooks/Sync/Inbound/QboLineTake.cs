using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// QBO's lines as Groundwork lines, through the existing mappings backwards: a Product/Service → the cost code mapped to it
/// (the default item → no cost code), a class → the cost type mapped to it. Where several map to one, the line's current
/// cost code or type is kept if it maps there, else the lowest id is taken. Quantities are signed as the push signs them
/// (a negative invoice is a credit memo with positive amounts), so taking and pushing are inverses. A line that cannot be
/// taken (an unmapped Product/Service or class, a discount, numbers out of bounds) refuses the whole take with its fix.
/// </summary>
public static class QboLineTake
{
    public const string ProductsPage = Mappings.DefaultItem.PagePath;

    /// <param name="sign">−1 for a negative invoice (a credit memo in QBO), else 1.</param>
    /// <param name="current">The document's lines now (kept names, cost codes and types where they still fit), or none.</param>
    public static (List<DocumentLine> Lines, List<string> Problems) Take(IReadOnlyList<QboLineFact> qbo, PushSettings s, int sign, bool invoice,
        IReadOnlyList<DocumentLine> current)
    {
        var lines = new List<DocumentLine>();
        var problems = new List<string>();
        if (qbo.Count == 0) problems.Add("QuickBooks' record has no lines Groundwork can take.");
        if (qbo.Count > Limits.DocumentLines) problems.Add($"QuickBooks' record has {qbo.Count:N0} lines; a Groundwork document can have at most {Limits.DocumentLines:N0}.");
        var itemCodes = s.CostCodeItems.GroupBy(m => m.Value.Id).ToDictionary(g => g.Key, g => g.Select(m => m.Key).Order().ToList(), StringComparer.Ordinal);
        var classTypes = s.CostTypeClasses.GroupBy(m => m.Value.Id).ToDictionary(g => g.Key, g => g.Select(m => m.Key).Order().ToList(), StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(qbo.Count, Limits.DocumentLines); i++)
        {
            var q = qbo[i];
            var mine = i < current.Count ? current[i] : null;
            var label = $"Line {i + 1} (“{Clip(q.Description ?? q.ItemName ?? "", 60)}”)";
            if (q.Unsupported is { } type)
            {
                problems.Add($"{label} is a {type} line, which Groundwork has no line for. Change it to a Product/Service line in QuickBooks, or push Groundwork's version.");
                continue;
            }
            var code = CostCode(q, s, itemCodes, mine, label, problems);
            var costType = CostType(q, s, classTypes, mine, label, problems);
            if (Numbers(q, sign, label, problems) is not { } numbers) continue;
            var (name, description) = Text(q, mine, i);
            lines.Add(new DocumentLine
            {
                Position = i, Name = name, Description = description, CostCodeId = code, CostTypeId = costType,
                Quantity = numbers.Qty, UnitAmountCents = numbers.UnitCents, Taxable = invoice && q.Taxable,
            });
        }
        return (lines, problems);
    }

    private static long? CostCode(QboLineFact q, PushSettings s, Dictionary<string, List<long>> itemCodes, DocumentLine? mine, string label, List<string> problems)
    {
        if (mine is not null && ItemOf(mine.CostCodeId, s) == q.ItemId) return mine.CostCodeId;
        if (q.ItemId is { } item && itemCodes.TryGetValue(item, out var codes)) return codes[0];
        if (q.ItemId is not null && q.ItemId == s.DefaultItem?.Id) return null;
        problems.Add($"{label} uses the QuickBooks Product/Service “{q.ItemName ?? q.ItemId ?? "none"}”{(q.ItemId is null ? "" : $" (id {q.ItemId})")}, which no cost code is mapped to. " +
            $"Map a cost code to it on Products/Services Mapping ({ProductsPage}), then take QuickBooks' version again.");
        return null;
    }

    private static long? CostType(QboLineFact q, PushSettings s, Dictionary<string, List<long>> classTypes, DocumentLine? mine, string label, List<string> problems)
    {
        if (mine is not null && ClassOf(mine.CostTypeId, s) == q.ClassId) return mine.CostTypeId;
        if (q.ClassId is null) return null;
        if (classTypes.TryGetValue(q.ClassId, out var types)) return types[0];
        problems.Add($"{label} uses the QuickBooks class “{q.ClassName ?? q.ClassId}” (id {q.ClassId}), which no cost type is mapped to. " +
            $"Map a cost type to it on Class Mapping ({PushChecks.ClassesPage}), then take QuickBooks' version again.");
        return null;
    }

    /// <summary>The item Groundwork pushes for a cost code (its mapping, else the default item).</summary>
    private static string? ItemOf(long? costCode, PushSettings s) =>
        costCode is { } c && s.CostCodeItems.TryGetValue(c, out var item) ? item.Id : s.DefaultItem?.Id;

    private static string? ClassOf(long? costType, PushSettings s) =>
        s.ClassesPerLine && costType is { } t && s.CostTypeClasses.TryGetValue(t, out var cls) ? cls.Id : null;

    /// <summary>
    /// Quantity and unit amount in Groundwork's terms, checked against its bounds. When QBO's quantity × unit price cannot
    /// be held in cents to the same amount (no quantity, a unit price in fractions of a cent), the line is one of its amount.
    /// </summary>
    private static (decimal Qty, long UnitCents)? Numbers(QboLineFact q, int sign, string label, List<string> problems)
    {
        var amount = checked(sign * q.AmountCents);
        (decimal Qty, long UnitCents) numbers = (sign, q.AmountCents);
        if (q is { Qty: { } qty, UnitPrice: { } price } && qty != 0 && decimal.Round(price, 2) == price && decimal.Round(qty, 4) == qty
            && Math.Abs(qty) <= Limits.LargestQuantity && Math.Abs(price) <= Limits.LargestUnitAmount
            && DocumentMath.LineAmount(sign * qty, DocumentMath.ToCents(price)) == amount)
        {
            numbers = (sign * qty, DocumentMath.ToCents(price));
        }
        if (Math.Abs(amount) > Limits.LargestAmountCents || Math.Abs(numbers.UnitCents) > Limits.LargestUnitAmount * 100)
        {
            problems.Add($"{label} comes to {DocumentMath.Format(amount)}; a line can be at most {DocumentMath.Format(Limits.LargestAmountCents)}.");
            return null;
        }
        return numbers;
    }

    /// <summary>The line's name and description: kept when QBO's description is still the one Groundwork sent, else read from it.</summary>
    private static (string Name, string? Description) Text(QboLineFact q, DocumentLine? mine, int index)
    {
        var text = Clean(q.Description);
        if (mine is not null && text == Clean(string.IsNullOrWhiteSpace(mine.Description) ? mine.Name : $"{mine.Name} — {mine.Description}"))
        {
            return (mine.Name, mine.Description);
        }
        var split = text?.IndexOf(" — ", StringComparison.Ordinal) ?? -1;
        var name = split > 0 ? text![..split] : text ?? q.ItemName;
        var description = split > 0 ? text![(split + 3)..] : null;
        name = Clip(name?.Trim() ?? "", Limits.Name);
        if (NameRules.Problem(name, "Name") is not null || string.IsNullOrWhiteSpace(name)) name = $"Line {index + 1}";
        return (name, string.IsNullOrWhiteSpace(description) ? null : Clip(description, Limits.Description));
    }

    /// <summary>Control characters become spaces and unstorable text is dropped, so QBO's text always saves.</summary>
    private static string? Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]).Trim();
        return NameRules.IsStorable(cleaned) ? cleaned : null;
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}
