using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Documents;

public enum DocumentAction
{
    /// <summary>Invoice: Draft → Pending.</summary>
    Finalize,
    /// <summary>Bill: Draft or Rejected → Approved.</summary>
    Approve,
    /// <summary>Bill: Draft or Approved (unpaid) → Rejected.</summary>
    Reject,
    /// <summary>Any unpaid, non-void document → Void.</summary>
    Void,
}

/// <summary>Moves a document through its lifecycle; refuses moves the lifecycle does not allow, with the reason.</summary>
public sealed class ChangeDocumentStatus(GroundworkDbContext db, DocumentHistory history, QuickBooks.Sync.SyncOutbox outbox) : IUseCase
{
    public async Task<Outcome<Document>> HandleAsync(DocumentKind kind, long id, DocumentAction action, long? expectedVersion, CancellationToken ct)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == id && d.Kind == kind, ct);
        if (document is null) return Outcome<Document>.NotFound($"{kind} {id} was not found.");
        SaveChanges.ExpectVersion(db, document, expectedVersion);

        var (target, refusal) = DocumentRules.Next(document, action);
        if (refusal is not null) return Outcome<Document>.Conflict(refusal);
        history.Move(document, target, action.ToString());
        // Finalize/approve queue the push, void (or rejecting a synced bill) the void in QBO — in this save's transaction.
        await outbox.DocumentChangedAsync(document, ct);
        return await SaveChanges.TryAsync(db, document, "", "", ct);
    }
}
