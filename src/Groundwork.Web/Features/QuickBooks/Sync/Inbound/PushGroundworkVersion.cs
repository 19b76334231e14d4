using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// "Push Groundwork's version" of a drifted document: queues an update through the outbox (its trigger the user), which
/// overwrites QBO's record at its current SyncToken like any edit's push; the drift flag gives way to Queued, then Synced
/// when the update lands. Asked twice before the push runs, it queues once.
/// </summary>
public sealed class PushGroundworkVersion(GroundworkDbContext db, SyncOutbox outbox, DocumentSyncView view) : IUseCase
{
    public async Task<Outcome<DocumentSyncDto>> HandleAsync(long documentId, CancellationToken ct)
    {
        var found = await DriftTarget.FindAsync(db, documentId, ct);
        if (found.Refusal is { } refusal) return refusal;
        await outbox.DocumentChangedAsync(found.Document!, ct);
        var saved = await SaveChanges.TryAsync(db, documentId, "", "", ct);
        return saved.IsOk ? Outcome<DocumentSyncDto>.Ok(await view.ForAsync(documentId, ct)) : Outcome<DocumentSyncDto>.Conflict(saved.Message ?? SaveChanges.ConflictMessage);
    }
}

/// <summary>
/// <c>POST /api/v1/quickbooks/documents/{id}/drift/take-quickbooks</c> (200) and <c>…/drift/push-groundwork</c> (202), Owner/Admin:
/// the document's <c>sync</c> object after; 409 with the reason when the document has no drift or the take cannot be done.
/// </summary>
internal static class DriftApi
{
    public static RouteGroupBuilder MapDriftApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapPost("/documents/{id:long}/drift/take-quickbooks", async (long id, TakeQuickBooksVersion take, CancellationToken ct) =>
                ApiResults.From(await take.HandleAsync(id, ct), s => s))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        quickbooks.MapPost("/documents/{id:long}/drift/push-groundwork", async (long id, PushGroundworkVersion push, CancellationToken ct) =>
                ApiResults.From(await push.HandleAsync(id, ct), s => s, StatusCodes.Status202Accepted))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
