using Groundwork.Web.Features.Documents;

namespace Groundwork.Web.Features.Shared;

/// <summary>
/// A list of invoices or bills on another record's page (a job, a customer), with a footer that adds up what was billed:
/// only finalized documents (<see cref="DocumentRules.Finalized"/>) are billed; drafts, void and rejected ones are listed but not added.
/// </summary>
/// <param name="Sync">The QuickBooks column, when the organization has connected QuickBooks.</param>
public sealed record DocumentTable(string Id, DocumentKind Kind, IReadOnlyList<Document> Documents, bool ShowJob, bool ShowParty,
    QuickBooks.Sync.SyncColumn? Sync = null)
{
    public IEnumerable<Document> Billed => Documents.Where(DocumentRules.IsFinalized);

    public decimal TotalCents => Billed.Sum(d => (decimal)d.TotalCents);

    public decimal BalanceCents => Billed.Sum(d => (decimal)d.BalanceCents);
}
