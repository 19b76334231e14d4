using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>The "QuickBooks" column of an invoice or bill list: each listed document's sync state, read in one go.</summary>
public sealed record SyncColumn(IReadOnlyDictionary<long, DocumentSyncDto> States)
{
    /// <summary>
    /// The state to show for a document, or null for a dash: drafts (and documents voided before they were ever pushed)
    /// are not QuickBooks' business, so "Not synced" would only alarm.
    /// </summary>
    public DocumentSyncDto? For(Document d) =>
        States.TryGetValue(d.Id, out var s) && (DocumentRules.IsFinalized(d) || s.State != "notSynced" || s.QboId is not null) ? s : null;

    /// <summary>The column for these documents; null (no column) while the organization has never connected QuickBooks.</summary>
    public static async Task<SyncColumn?> LoadAsync(GroundworkDbContext db, DocumentSyncView view, IEnumerable<Document> documents, CancellationToken ct)
    {
        if (!await db.QboConnections.AnyAsync(ct)) return null;
        return new SyncColumn(await view.ForAsync(documents.Select(d => d.Id).ToList(), ct));
    }
}
