using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// "Push it again" for a document whose QBO record was deleted in QuickBooks: moves the link to a new generation and queues
/// a create, so its requestid (<c>gw-{id}-{generation}-create</c>) is one QBO has never seen and cannot answer with the
/// deleted record. Asked twice before the push runs, it queues once.
/// </summary>
public sealed class RepushDocument(GroundworkDbContext db, SyncOutbox outbox, DocumentSyncView view) : IUseCase
{
    public async Task<Outcome<DocumentSyncDto>> HandleAsync(long documentId, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<DocumentSyncDto>.Conflict("QuickBooks is not connected.");
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return Outcome<DocumentSyncDto>.NotFound($"Document {documentId} was not found.");
        var kind = SyncOutbox.LinkKind(document.Kind);
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == kind && l.LocalId == documentId, ct);
        if (link is not { State: QboLinkState.Deleted })
        {
            return Outcome<DocumentSyncDto>.Conflict(link is null
                ? $"This {DocumentRules.Noun(document.Kind)} is not in QuickBooks; push it from Unsynced Records."
                : $"This {DocumentRules.Noun(document.Kind)}'s QuickBooks {link.QboType} was not deleted there; it syncs as it is.");
        }
        // Guarded here and again in the push's pre-flight (PushChecks.Deleted): QuickBooks' own credit memo is never created by Groundwork.
        if (PushChecks.OffsetsQuickBooksCreditMemo(link)) return Outcome<DocumentSyncDto>.Conflict(PushChecks.OffsetDeleted(link).Message);
        if (!DocumentRules.IsFinalized(document))
        {
            return Outcome<DocumentSyncDto>.Conflict($"Only a finalized {DocumentRules.Noun(document.Kind)} syncs; this one is {document.Status}.");
        }
        var queued = await db.QboOutbox.AnyAsync(e => e.Kind == kind && e.LocalId == documentId && e.Operation == PushOperation.Repush, ct);
        if (!queued)
        {
            link.Generation++;
            await outbox.RepushAsync(connection.Id, document, ct);
        }
        var saved = await SaveChanges.TryAsync(db, documentId, "", "", ct);
        return saved.IsOk ? Outcome<DocumentSyncDto>.Ok(await view.ForAsync(documentId, ct)) : Outcome<DocumentSyncDto>.Conflict(saved.Message ?? SaveChanges.ConflictMessage);
    }
}

/// <summary><c>POST /api/v1/quickbooks/documents/{id}/repush</c> (Owner/Admin): 202 with the document's <c>sync</c> object, now queued.</summary>
internal static class RepushApi
{
    public static RouteGroupBuilder MapRepushApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapPost("/documents/{id:long}/repush", async (long id, RepushDocument repush, CancellationToken ct) =>
                ApiResults.From(await repush.HandleAsync(id, ct), s => s, StatusCodes.Status202Accepted))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
