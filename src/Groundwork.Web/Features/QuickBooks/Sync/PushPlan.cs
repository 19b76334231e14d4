using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>Why a document cannot be pushed, and the fix the user can apply in place.</summary>
/// <param name="Code">A <see cref="PushChecks"/> code, or "qbo-{code}" for a fault QBO returned.</param>
/// <param name="FixUrl">Where the fix is applied (a Groundwork page), or null when the fix is in QuickBooks.</param>
/// <param name="SuggestedName">For a name problem: the rename Groundwork suggests (applied with one click).</param>
public sealed record PushProblem(string Code, string Message, string? Fix, string? FixUrl, string? FixLabel,
    LinkedKind? NameKind = null, long? NameId = null, string? SuggestedName = null);

/// <summary>A customer, sub-customer or vendor the document needs in QBO: linked already, to link, or to create.</summary>
/// <param name="Action">linked, link (an unlinked QBO record of the same name), or create.</param>
public sealed record PlannedName(LinkedKind Kind, long LocalId, string DisplayName, string Action, string? QboId, LinkedKind? ParentKind, long? ParentLocalId);

/// <summary>One line as QBO will get it.</summary>
public sealed record PlannedLine(int Position, string Name, string? Description, string ItemId, string? ItemName, bool DefaultItem,
    string? ClassId, string? ClassName, decimal Qty, decimal UnitPrice, decimal Amount, bool Taxable);

/// <summary>
/// Everything a push of one document will do, worked out from Groundwork's data and the cached QBO lists before any QBO
/// call: the dry run shows it, the push carries it out. <see cref="Problems"/> non-empty means nothing is sent.
/// <see cref="Generation"/> is the link's (above 0 only for a document created again after a delete in QBO): it goes into
/// the create's requestid, so the deleted record's create is never replayed.
/// </summary>
public sealed record PushPlan(
    long DocumentId, DocumentKind Kind, string Number, string Entity, string Action, string? QboId,
    IReadOnlyList<PlannedName> Names, IReadOnlyList<PlannedLine> Lines,
    string? DocNumber, DateOnly TxnDate, DateOnly? DueDate, decimal Subtotal, decimal Tax, decimal Total, string? TaxCodeId,
    IReadOnlyList<PushProblem> Problems, int Generation = 0)
{
    public bool CanPush => Problems.Count == 0;

    /// <summary>Whether the document is (still) finalized: one voided or rejected before its push never goes to QuickBooks.</summary>
    public bool Finalized { get; init; } = true;

    /// <summary>The Groundwork marker in PrivateNote: how a document is recognised in QBO after an uncertain write.</summary>
    public string Marker => PushMarker.For(Kind, DocumentId);
}

public static class PushMarker
{
    public static string For(DocumentKind kind, long documentId) => $"[groundwork:{DocumentRules.Noun(kind)}:{documentId}]";
}
