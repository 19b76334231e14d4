using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Documents;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>One line of a QBO invoice, credit memo or bill as QBO has it (sizes, as QBO keeps them).</summary>
/// <param name="Unsupported">The line's DetailType when Groundwork has no line like it (a discount, an account-based expense, a group).</param>
public sealed record QboLineFact(int Number, string? ItemId, string? ItemName, string? ClassId, string? ClassName, decimal? Qty, decimal? UnitPrice,
    long AmountCents, bool Taxable, string? Description, string? Unsupported = null);

/// <summary>
/// QBO's lines read once, and the drift rule: what differs between the QBO record and what Groundwork would push for its
/// document (<see cref="PushPlan"/>: the planner's items, classes, signed quantities and the linked customer or vendor), so
/// the comparison can never disagree with the push. QBO's own subtotal and description-only lines are not lines here.
/// </summary>
public static class QboLineFacts
{
    /// <summary>Differences listed in a message; more are counted, not spelled out.</summary>
    public const int MaxListed = 6;

    public static IReadOnlyList<QboLineFact> Read(QboTransaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var facts = new List<QboLineFact>();
        foreach (var line in t.Line ?? [])
        {
            var number = facts.Count + 1;
            var amount = DocumentMath.ToCents(line.Amount ?? 0);
            switch (line.DetailType)
            {
                case "SubTotalLineDetail":
                    continue;
                case "DescriptionOnly" or null when amount == 0:
                    continue;
                case "SalesItemLineDetail" when line.SalesItemLineDetail is { } s:
                    facts.Add(new(number, s.ItemRef?.Value, s.ItemRef?.Name, s.ClassRef?.Value, s.ClassRef?.Name, s.Qty, s.UnitPrice, amount,
                        string.Equals(s.TaxCodeRef?.Value, "TAX", StringComparison.OrdinalIgnoreCase), line.Description));
                    break;
                case "ItemBasedExpenseLineDetail" when line.ItemBasedExpenseLineDetail is { } b:
                    facts.Add(new(number, b.ItemRef?.Value, b.ItemRef?.Name, b.ClassRef?.Value, b.ClassRef?.Name, b.Qty, b.UnitPrice, amount, false, line.Description));
                    break;
                default:
                    facts.Add(new(number, null, null, null, null, null, null, amount, false, line.Description, line.DetailType ?? "unknown"));
                    break;
            }
        }
        return facts;
    }

    /// <summary>The party QBO has the document for: the customer (or sub-customer) of a sales form, the vendor of a bill.</summary>
    public static QboRef? Party(QboTransaction t) => t switch
    {
        QboSalesTransaction s => s.CustomerRef,
        QboBill b => b.VendorRef,
        _ => null,
    };

    /// <summary>Everything that differs, in words (empty when QBO has what Groundwork would push).</summary>
    public static IReadOnlyList<string> Differences(PushPlan plan, QboDocumentState state, QboTransaction qbo)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        var found = new List<string>();
        var total = DocumentMath.ToCents(plan.Total);
        if (state.TotalCents != total)
        {
            found.Add($"the total is {DocumentMath.Format(state.TotalCents)} in QuickBooks but {DocumentMath.Format(total)} in Groundwork");
        }
        var lines = Read(qbo);
        if (lines.Count != plan.Lines.Count) found.Add($"QuickBooks has {lines.Count} line{(lines.Count == 1 ? "" : "s")}, Groundwork {plan.Lines.Count}");
        for (var i = 0; i < Math.Min(lines.Count, plan.Lines.Count); i++)
        {
            if (Line(plan.Lines[i], lines[i]) is { } difference) found.Add($"line {i + 1}: {difference}");
        }
        // Under the document's customer itself rather than its sub-customer is the same Groundwork customer: not drift.
        if (Party(qbo) is { } party && ExpectedParty(plan) is { QboId: { } expected } name && party.Value != expected
            && !(plan.Kind == DocumentKind.Invoice && plan.Names.Any(n => n.Kind == Links.LinkedKind.Customer && n.QboId == party.Value)))
        {
            var noun = plan.Kind == DocumentKind.Bill ? "vendor" : "customer";
            found.Add($"the {noun} is “{party.Name ?? party.Value}” (id {party.Value}) in QuickBooks but “{name.DisplayName}” (id {expected}) in Groundwork");
        }
        return found;
    }

    /// <summary>The drift message for <paramref name="differences"/>, or null when there are none.</summary>
    public static string? Message(IReadOnlyList<string> differences)
    {
        if (differences.Count == 0) return null;
        var listed = string.Join("; ", differences.Take(MaxListed));
        var more = differences.Count > MaxListed ? $"; and {differences.Count - MaxListed} more" : "";
        return $"Changed in QuickBooks: {listed}{more}. Neither side was changed: take QuickBooks' version into Groundwork, or push Groundwork's version again.";
    }

    /// <summary>The name Groundwork puts the document under in QBO: the vendor of a bill, else the deepest customer name.</summary>
    public static PlannedName? ExpectedParty(PushPlan plan) => plan.Kind == DocumentKind.Bill
        ? plan.Names.LastOrDefault(n => n.Kind == Links.LinkedKind.Vendor)
        : plan.Names.LastOrDefault(n => n.Kind != Links.LinkedKind.Vendor);

    private static string? Line(PlannedLine mine, QboLineFact theirs)
    {
        if (theirs.Unsupported is { } type) return $"a {type} line in QuickBooks, which Groundwork does not have";
        var parts = new List<string>();
        var amount = DocumentMath.ToCents(mine.Amount);
        if (theirs.AmountCents != amount) parts.Add($"amount {DocumentMath.Format(theirs.AmountCents)} (Groundwork {DocumentMath.Format(amount)})");
        if (theirs.Qty is { } qty && qty != mine.Qty) parts.Add($"quantity {qty:0.####} (Groundwork {mine.Qty:0.####})");
        if (theirs.UnitPrice is { } price && price != mine.UnitPrice) parts.Add($"unit price {price:0.00###} (Groundwork {mine.UnitPrice:0.00###})");
        if (theirs.ItemId != mine.ItemId) parts.Add($"Product/Service “{theirs.ItemName ?? theirs.ItemId}” (Groundwork “{mine.ItemName ?? mine.ItemId}”)");
        if (theirs.ClassId != mine.ClassId) parts.Add($"class “{theirs.ClassName ?? theirs.ClassId ?? "none"}” (Groundwork “{mine.ClassName ?? mine.ClassId ?? "none"}”)");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
