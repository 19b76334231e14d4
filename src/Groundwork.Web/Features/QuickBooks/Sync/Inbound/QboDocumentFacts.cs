using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Documents;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>What a QBO invoice, credit memo or bill says about itself, in cents (sizes, as QBO keeps them positive).</summary>
/// <param name="PaidCents">TotalAmt − Balance (a credit memo: − RemainingCredit); null when QBO sent no balance.</param>
public sealed record QboDocumentState(bool Voided, long TotalCents, long? PaidCents);

/// <summary>
/// Reading QBO's figures, written once: how a void shows (QBO zeroes the amounts and notes "Voided"; some answers carry
/// status "Voided"), what has been paid, and whether QBO's total still is Groundwork's (drift).
/// </summary>
public static class QboDocumentFacts
{
    public static QboDocumentState Read(QboTransaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var total = DocumentMath.ToCents(t.TotalAmt ?? 0);
        var open = t switch
        {
            QboCreditMemo m => m.RemainingCredit ?? m.Balance,
            QboSalesTransaction s => s.Balance,
            QboBill b => b.Balance,
            _ => null,
        };
        return new QboDocumentState(IsVoided(t), total, open is { } o ? total - DocumentMath.ToCents(o) : null);
    }

    /// <summary>The documents a Payment or BillPayment is applied to, by its lines' LinkedTxn (entity, id), in order.</summary>
    public static IReadOnlyList<(string Entity, string Id)> AppliedTo(QboTransaction payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return (payment.Line ?? []).SelectMany(l => l.LinkedTxn ?? [])
            .Where(t => t.TxnId is not null && t.TxnType is QboEntities.Invoice or QboEntities.CreditMemo or QboEntities.Bill)
            .Select(t => (t.TxnType!, t.TxnId!)).Distinct().ToList();
    }

    public static bool IsVoided(QboTransaction t) =>
        string.Equals(t.Status, "Voided", StringComparison.OrdinalIgnoreCase)
        || (t.TotalAmt is 0m && t.PrivateNote?.StartsWith("Voided", StringComparison.Ordinal) == true);

    /// <summary>
    /// The paid amount on Groundwork's side: QBO's, signed like the document (a negative invoice is a credit memo in
    /// QBO, settled by credit applied), plus what was recorded in Groundwork and not sent to QuickBooks.
    /// </summary>
    public static long GroundworkPaid(Document d, QboDocumentState qbo, long recordedOnlyInGroundworkCents) =>
        checked((d.TotalCents < 0 ? -1 : 1) * (qbo.PaidCents ?? 0) + recordedOnlyInGroundworkCents);

    /// <summary>QBO's total is no longer Groundwork's: amounts were edited in QuickBooks (a void is not drift).</summary>
    public static bool Drifted(Document d, QboDocumentState qbo) => !qbo.Voided && qbo.TotalCents != Math.Abs(d.TotalCents);

    public static string DriftMessage(Document d, QboDocumentState qbo) =>
        $"Changed in QuickBooks: QuickBooks' total is {DocumentMath.Format(qbo.TotalCents)} but Groundwork's is {DocumentMath.Format(Math.Abs(d.TotalCents))}. " +
        "Neither side was changed: take QuickBooks' version into Groundwork, or push Groundwork's version again.";
}
