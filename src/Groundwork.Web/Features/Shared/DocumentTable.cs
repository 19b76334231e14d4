using Groundwork.Web.Features.Documents;

namespace Groundwork.Web.Features.Shared;

/// <summary>
/// A list of invoices or bills on another record's page (a job, a customer), with a footer that adds up what was billed:
/// drafts are not billed yet and void or rejected documents never will be, so they are listed but not added.
/// </summary>
public sealed record DocumentTable(string Id, DocumentKind Kind, IReadOnlyList<Document> Documents, bool ShowJob, bool ShowParty)
{
    public IEnumerable<Document> Billed => Documents.Where(d => d.Status is not (DocumentStatus.Draft or DocumentStatus.Void or DocumentStatus.Rejected));

    public long TotalCents => Billed.Sum(d => d.TotalCents);

    public long BalanceCents => Billed.Sum(d => d.BalanceCents);
}
