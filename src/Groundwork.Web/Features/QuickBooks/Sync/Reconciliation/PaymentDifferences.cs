using System.Globalization;
using Groundwork.Web.Features.Documents;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// Why a Groundwork payment and its QuickBooks Payment or BillPayment (linked as <c>Payment</c>) disagree, and the
/// QuickBooks payments whose amount is not applied to any invoice.
/// </summary>
internal static class PaymentDifferences
{
    public static IEnumerable<ReconciliationDifference> Find(ReconciliationInput input, Scope scope, List<GroundworkPayment> payments,
        List<QuickBooksPayment> qboPayments, ReconciliationLinks links)
    {
        var qboByIdentity = input.QboPayments.GroupBy(q => q.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var p in payments)
        {
            if (p.Link is null)
            {
                yield return Ours(p, DifferenceCause.NotSynced, $"Recorded in Groundwork ({ReconciliationRules.Money(p.AmountCents)}), not in QuickBooks.");
            }
            else if (!p.Link.Deleted && qboByIdentity.TryGetValue(p.Link.Identity, out var q))
            {
                if (Compare(p, q, links) is { } difference) yield return difference;
            }
            else
            {
                yield return Ours(p, DifferenceCause.DeletedInQuickBooks, $"Its {p.Link.QboType} (id {p.Link.QboId}) was deleted in QuickBooks.");
            }
        }
        foreach (var q in qboPayments)
        {
            if (!q.Voided && q.UnappliedCents > 0)
            {
                yield return Theirs(q, DifferenceCause.UnappliedPayment, links,
                    $"{ReconciliationRules.Money(q.UnappliedCents)} of this {ReconciliationRules.Money(q.TotalCents)} payment is not applied to any invoice in QuickBooks.");
            }
            if (scope.LinkedTo(q) is { } p)
            {
                if (!scope.InMonth(p.Date) && Compare(p, q, links) is { } difference) yield return difference;
            }
            else if (!q.Voided)
            {
                yield return Theirs(q, DifferenceCause.OnlyInQuickBooks, links,
                    $"{ReconciliationRules.Article(q.Entity)} {q.Entity} recorded in QuickBooks ({ReconciliationRules.Money(q.TotalCents)}) that no Groundwork payment is linked to.");
            }
        }
    }

    private static ReconciliationDifference? Compare(GroundworkPayment p, QuickBooksPayment q, ReconciliationLinks links)
    {
        if (q.Voided) return Pair(p, q, DifferenceCause.VoidedInQuickBooksOnly, links, "Voided in QuickBooks, but Groundwork still has the payment.");
        var edits = new List<string>();
        if (p.Date != q.Date) edits.Add($"dated {q.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} in QuickBooks, {p.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} in Groundwork");
        if (p.AmountCents != q.TotalCents) edits.Add($"{ReconciliationRules.Money(q.TotalCents)} in QuickBooks, {ReconciliationRules.Money(p.AmountCents)} in Groundwork");
        return edits.Count == 0 ? null : Pair(p, q, DifferenceCause.EditedInQuickBooks, links, "Payment " + string.Join("; ", edits) + ".");
    }

    private static string? Url(GroundworkPayment p) => p.DocumentIds.Count == 0 ? null : ReconciliationLinks.DocumentUrl(p.Kind, p.DocumentIds[0]);

    private static ReconciliationDifference Ours(GroundworkPayment p, string cause, string message) =>
        new(cause, ReconciliationRules.KindName(p.Kind, true), p.Id, p.Reference, p.Date, p.AmountCents, null, p.Link?.QboType, p.Link?.QboId, Url(p), null, message);

    private static ReconciliationDifference Theirs(QuickBooksPayment q, string cause, ReconciliationLinks links, string message) =>
        new(cause, ReconciliationRules.KindName(q.Kind, true), null, q.Reference, q.Date, null, q.TotalCents, q.Entity, q.Id, null, links.QboUrl(q.Entity, q.Id), message);

    private static ReconciliationDifference Pair(GroundworkPayment p, QuickBooksPayment q, string cause, ReconciliationLinks links, string message) =>
        new(cause, ReconciliationRules.KindName(p.Kind, true), p.Id, p.Reference ?? q.Reference, p.Date, p.AmountCents, q.TotalCents, q.Entity, q.Id, Url(p),
            links.QboUrl(q.Entity, q.Id), message);
}
