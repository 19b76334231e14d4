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
public sealed class ChangeDocumentStatus(GroundworkDbContext db, DocumentHistory history)
{
    public async Task<Outcome<Document>> HandleAsync(DocumentKind kind, long id, DocumentAction action, long? expectedVersion, CancellationToken ct)
    {
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == id && d.Kind == kind, ct);
        if (document is null) return Outcome<Document>.NotFound($"{kind} {id} was not found.");
        SaveChanges.ExpectVersion(db, document, expectedVersion);

        var (target, refusal) = Next(document, action);
        if (refusal is not null) return Outcome<Document>.Conflict(refusal);
        history.Move(document, target, action.ToString());
        return await SaveChanges.TryAsync(db, document, "", "", ct);
    }

    internal static (DocumentStatus Target, string? Refusal) Next(Document d, DocumentAction action)
    {
        var noun = d.Kind == DocumentKind.Invoice ? "invoice" : "bill";
        return action switch
        {
            DocumentAction.Finalize when d.Kind != DocumentKind.Invoice => (d.Status, "Only invoices are finalized; bills are approved."),
            DocumentAction.Finalize when d.Status != DocumentStatus.Draft => (d.Status, $"Only a draft invoice can be finalized; this one is {d.Status}."),
            DocumentAction.Finalize => (DocumentStatus.Pending, null),
            DocumentAction.Approve when d.Kind != DocumentKind.Bill => (d.Status, "Only bills are approved; invoices are finalized."),
            DocumentAction.Approve when d.Status is not (DocumentStatus.Draft or DocumentStatus.Rejected) => (d.Status, $"Only a draft or rejected bill can be approved; this one is {d.Status}."),
            DocumentAction.Approve => (DocumentStatus.Approved, null),
            DocumentAction.Reject when d.Kind != DocumentKind.Bill => (d.Status, "Only bills can be rejected."),
            DocumentAction.Reject when d.Status is not (DocumentStatus.Draft or DocumentStatus.Approved) => (d.Status, $"Only a draft or approved, unpaid bill can be rejected; this one is {d.Status}."),
            DocumentAction.Reject => (DocumentStatus.Rejected, null),
            DocumentAction.Void when d.Status == DocumentStatus.Void => (d.Status, $"This {noun} is already void."),
            DocumentAction.Void when d.PaidCents != 0 => (d.Status, $"This {noun} has payments; delete them before voiding it."),
            DocumentAction.Void => (DocumentStatus.Void, null),
            _ => (d.Status, "Unknown action."),
        };
    }
}
