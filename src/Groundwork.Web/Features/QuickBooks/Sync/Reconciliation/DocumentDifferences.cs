using System.Globalization;
using Groundwork.Web.Features.Documents;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>Why a Groundwork invoice or bill and its QuickBooks record (or the lack of one) disagree.</summary>
internal static class DocumentDifferences
{
    /// <summary>Line differences named in one message; the rest are counted.</summary>
    private const int LinesNamed = 3;

    public static IEnumerable<ReconciliationDifference> Find(ReconciliationInput input, Scope scope, List<GroundworkDocument> documents,
        List<QuickBooksDocument> qboDocuments, ReconciliationLinks links)
    {
        var qboByIdentity = input.QboDocuments.GroupBy(q => q.Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var d in documents)
        {
            var noun = DocumentRules.Noun(d.Kind);
            if (d.Link is null)
            {
                if (!d.Voided) yield return Ours(d, DifferenceCause.NotSynced, links,
                    $"Finalized in Groundwork, not in QuickBooks (sync state: {d.SyncState}).");
            }
            else if (!d.Link.Deleted && qboByIdentity.TryGetValue(d.Link.Identity, out var q))
            {
                if (Compare(d, q, input, links) is { } difference) yield return difference;
            }
            // Groundwork's own void of a negative invoice deletes its credit memo: not news.
            else if (!d.Voided)
            {
                yield return Ours(d, DifferenceCause.DeletedInQuickBooks, links,
                    $"Its {d.Link.QboType} (id {d.Link.QboId}) was deleted in QuickBooks; the {noun} is in Groundwork's books only. Push it again from its page.");
            }
        }
        foreach (var q in qboDocuments)
        {
            if (scope.LinkedTo(q) is { } d)
            {
                // Linked to a document dated in another month: the pair differs by its date.
                if (!scope.InMonth(d.Date) && Compare(d, q, input, links) is { } difference) yield return difference;
            }
            else if (!q.Voided)
            {
                yield return new ReconciliationDifference(DifferenceCause.OnlyInQuickBooks, ReconciliationRules.KindName(q.Kind, false), null, q.DocNumber, q.Date,
                    null, q.TotalCents, q.Entity, q.Id, null, links.QboUrl(q.Entity, q.Id),
                    $"{ReconciliationRules.Article(q.Entity)} {q.Entity} made in QuickBooks ({ReconciliationRules.Money(q.TotalCents)}) that no Groundwork {DocumentRules.Noun(q.Kind)} is linked to.");
            }
        }
    }

    private static ReconciliationDifference? Compare(GroundworkDocument d, QuickBooksDocument q, ReconciliationInput input, ReconciliationLinks links)
    {
        if (d.Voided && q.Voided) return null;
        if (d.Voided != q.Voided)
        {
            return Pair(d, q, d.Voided ? DifferenceCause.VoidedInGroundworkOnly : DifferenceCause.VoidedInQuickBooksOnly, links, d.Voided
                ? $"Void in Groundwork, but QuickBooks still has it for {ReconciliationRules.Money(q.TotalCents)}."
                : $"Voided in QuickBooks, but Groundwork still has it for {ReconciliationRules.Money(d.TotalCents)}.");
        }
        var edits = new List<string>();
        if (d.Date != q.Date) edits.Add($"dated {Day(q.Date)} in QuickBooks, {Day(d.Date)} in Groundwork");
        if (d.TotalCents != q.TotalCents) edits.Add($"QuickBooks' total is {ReconciliationRules.Money(q.TotalCents)}, Groundwork's {ReconciliationRules.Money(d.TotalCents)}");
        if (d.PartyQboId is { } party && q.PartyId != party)
            edits.Add(d.Kind == DocumentKind.Bill ? "another vendor in QuickBooks" : "another customer in QuickBooks");
        if (LineEdits(d, q, input) is { } lines) edits.Add(lines);
        if (edits.Count > 0)
        {
            // A change made here and not pushed yet differs too: the sync state tells the two apart.
            var waiting = d.SyncState == "Synced" ? "" : $" Sync state in Groundwork: {d.SyncState}.";
            return Pair(d, q, DifferenceCause.EditedInQuickBooks, links,
                char.ToUpperInvariant(edits[0][0]) + string.Join("; ", edits)[1..] + ". Take QuickBooks' version or push Groundwork's again from its page." + waiting);
        }
        var expected = checked(d.PaidCents - d.PaidOutsideQuickBooksCents);
        return q.PaidCents == expected ? null : Pair(d, q, DifferenceCause.BalanceDiffers, links,
            $"QuickBooks has {ReconciliationRules.Money(q.PaidCents)} paid, Groundwork {ReconciliationRules.Money(expected)}" +
            (d.PaidOutsideQuickBooksCents == 0 ? "." : $" (besides {ReconciliationRules.Money(d.PaidOutsideQuickBooksCents)} recorded only in Groundwork)."));
    }

    /// <summary>Lines by Product/Service and Class: the first few that differ, named.</summary>
    private static string? LineEdits(GroundworkDocument d, QuickBooksDocument q, ReconciliationInput input)
    {
        var keys = d.Lines.Keys.Union(q.Lines.Keys).Where(k => d.Lines.GetValueOrDefault(k) != q.Lines.GetValueOrDefault(k)).ToList();
        if (keys.Count == 0) return null;
        string Name(string prefix, string? id) => id is null ? "none" : input.Names.GetValueOrDefault($"{prefix}:{id}") ?? q.Names.GetValueOrDefault($"{prefix}:{id}") ?? $"#{id}";
        var named = keys.Take(LinesNamed).Select(k =>
            $"{Name("item", k.ItemId)}{(k.ClassId is null ? "" : $" / {Name("class", k.ClassId)}")} {ReconciliationRules.Money(q.Lines.GetValueOrDefault(k))} in QuickBooks, {ReconciliationRules.Money(d.Lines.GetValueOrDefault(k))} in Groundwork");
        return "lines differ: " + string.Join(", ", named) + (keys.Count > LinesNamed ? $" and {keys.Count - LinesNamed} more" : "");
    }

    private static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(no date)";

    private static ReconciliationDifference Ours(GroundworkDocument d, string cause, ReconciliationLinks links, string message) =>
        new(cause, ReconciliationRules.KindName(d.Kind, false), d.Id, d.Number, d.Date, d.TotalCents, null, d.Link?.QboType, d.Link?.QboId,
            ReconciliationLinks.DocumentUrl(d.Kind, d.Id), null, message);

    private static ReconciliationDifference Pair(GroundworkDocument d, QuickBooksDocument q, string cause, ReconciliationLinks links, string message) =>
        new(cause, ReconciliationRules.KindName(d.Kind, false), d.Id, d.Number, d.Date, d.TotalCents, q.TotalCents, q.Entity, q.Id,
            ReconciliationLinks.DocumentUrl(d.Kind, d.Id), links.QboUrl(q.Entity, q.Id), message);
}
