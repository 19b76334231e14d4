using System.Linq.Expressions;

namespace Groundwork.Web.Features.Documents;

/// <summary>
/// The document lifecycle, written once: which statuses are open (payable) or finalized (in QuickBooks), which moves
/// each status allows, and where payments leave a document. Pages, the API, payments and queries all ask here.
/// </summary>
public static class DocumentRules
{
    /// <summary>Finalized and not settled: it can take payments and counts as receivable or payable.</summary>
    public static Expression<Func<Document, bool>> Open { get; } = d =>
        d.Status == DocumentStatus.Pending || d.Status == DocumentStatus.Approved || d.Status == DocumentStatus.PartiallyPaid;

    /// <summary>Finalized (a pending invoice or an approved bill, paid or not): the documents that sync to QuickBooks.</summary>
    public static Expression<Func<Document, bool>> Finalized { get; } = d =>
        d.Status == DocumentStatus.Pending || d.Status == DocumentStatus.Approved
        || d.Status == DocumentStatus.PartiallyPaid || d.Status == DocumentStatus.Paid;

    private static readonly Func<Document, bool> OpenCheck = Open.Compile();
    private static readonly Func<Document, bool> FinalizedCheck = Finalized.Compile();

    private static readonly DocumentAction[] AllActions = Enum.GetValues<DocumentAction>();

    public static bool IsOpen(Document d) => OpenCheck(d);

    public static bool IsFinalized(Document d) => FinalizedCheck(d);

    /// <summary>Void or rejected: it will never be owed, so it shows no balance.</summary>
    public static bool IsClosedUnpaid(Document d) => d.Status is DocumentStatus.Void or DocumentStatus.Rejected;

    /// <summary>Open and still owing: a payment can be recorded against it.</summary>
    public static bool CanReceivePayment(Document d) => IsOpen(d) && d.BalanceCents > 0;

    /// <summary>Lines and header can change until the first payment; after that the amounts are the bookkeeper's.</summary>
    public static bool IsEditable(Document d) =>
        d.Status is DocumentStatus.Draft or DocumentStatus.Pending or DocumentStatus.Approved && d.PaidCents == 0;

    /// <summary>The status <paramref name="action"/> moves the document to, or the reason it may not.</summary>
    public static (DocumentStatus Target, string? Refusal) Next(Document d, DocumentAction action)
    {
        var noun = Noun(d.Kind);
        return action switch
        {
            DocumentAction.Finalize when d.Kind != DocumentKind.Invoice => (d.Status, "Only invoices are finalized; bills are approved."),
            DocumentAction.Finalize when d.Status != DocumentStatus.Draft => (d.Status, $"Only a draft invoice can be finalized; this one is {d.Status}."),
            DocumentAction.Finalize => (DocumentStatus.Pending, null),
            DocumentAction.Approve when d.Kind != DocumentKind.Bill => (d.Status, "Only bills are approved; invoices are finalized."),
            DocumentAction.Approve when d.Status is not (DocumentStatus.Draft or DocumentStatus.Rejected) =>
                (d.Status, $"Only a draft or rejected bill can be approved; this one is {d.Status}."),
            DocumentAction.Approve => (DocumentStatus.Approved, null),
            DocumentAction.Reject when d.Kind != DocumentKind.Bill => (d.Status, "Only bills can be rejected."),
            DocumentAction.Reject when d.Status is not (DocumentStatus.Draft or DocumentStatus.Approved) || d.PaidCents != 0 =>
                (d.Status, $"Only a draft or approved, unpaid bill can be rejected; this one is {d.Status}."),
            DocumentAction.Reject => (DocumentStatus.Rejected, null),
            DocumentAction.Void when d.Status == DocumentStatus.Void => (d.Status, $"This {noun} is already void."),
            DocumentAction.Void when d.PaidCents != 0 => (d.Status, $"This {noun} has payments; delete them before voiding it."),
            DocumentAction.Void => (DocumentStatus.Void, null),
            _ => (d.Status, "Unknown action."),
        };
    }

    public static bool Allows(Document d, DocumentAction action) => Next(d, action).Refusal is null;

    public static IReadOnlyList<DocumentAction> ActionsFor(Document d) => AllActions.Where(a => Allows(d, a)).ToList();

    /// <summary>The status a finalized document has for what has been paid on it.</summary>
    public static DocumentStatus StatusAfterPayments(Document d) => StatusAfterPayments(d.Kind, d.PaidCents, d.TotalCents);

    /// <summary>
    /// The status for <paramref name="paidCents"/> of <paramref name="totalCents"/>, whoever recorded the payments (a person
    /// here, or QuickBooks). A negative invoice is settled by a credit applied in QuickBooks: its paid amount is negative
    /// too, so the rule compares sizes.
    /// </summary>
    public static DocumentStatus StatusAfterPayments(DocumentKind kind, long paidCents, long totalCents)
    {
        var (paid, total) = totalCents < 0 ? (-paidCents, -totalCents) : (paidCents, totalCents);
        return paid <= 0 ? OpenStatus(kind) : paid >= total ? DocumentStatus.Paid : DocumentStatus.PartiallyPaid;
    }

    /// <summary>The status a finalized document has before any payment.</summary>
    public static DocumentStatus OpenStatus(DocumentKind kind) => kind == DocumentKind.Invoice ? DocumentStatus.Pending : DocumentStatus.Approved;

    /// <summary>The statuses a document of this kind can reach, in lifecycle order (for filters).</summary>
    public static IReadOnlyList<DocumentStatus> Statuses(DocumentKind kind) => kind == DocumentKind.Invoice
        ? [DocumentStatus.Draft, DocumentStatus.Pending, DocumentStatus.PartiallyPaid, DocumentStatus.Paid, DocumentStatus.Void]
        : [DocumentStatus.Draft, DocumentStatus.Approved, DocumentStatus.Rejected, DocumentStatus.PartiallyPaid, DocumentStatus.Paid, DocumentStatus.Void];

    /// <summary>Why a document sits in a status that would otherwise look stuck; null when the status speaks for itself.</summary>
    public static string? StatusNote(Document d) =>
        d.Kind == DocumentKind.Invoice && d.Status == DocumentStatus.Pending && d.TotalCents < 0
            ? "A negative invoice stays Pending until it is settled against a credit memo in QuickBooks."
            : null;

    public static string Noun(DocumentKind kind) => kind == DocumentKind.Invoice ? "invoice" : "bill";
}
