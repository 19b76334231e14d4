using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>What a QBO Payment or BillPayment, as QBO has it now, means for Groundwork's record of it.</summary>
/// <param name="Gone">Why it pays nothing of Groundwork's any more: <c>deleted</c>, <c>voided</c>, or <c>unapplied</c> (its lines name no
/// document Groundwork has linked); null while it pays something.</param>
/// <param name="Applied">Groundwork document id → cents applied to it.</param>
/// <param name="AmountCents">The money that changed hands: QBO's TotalAmt, or the applications when they add up to more (QBO's word is kept).</param>
/// <param name="UnappliedCents">What QBO holds as a credit (TotalAmt beyond every line, to any document).</param>
/// <param name="UnknownDocuments">QBO ids of the invoices or bills it pays that no Groundwork document is linked to (shown, not recorded).</param>
public sealed record QboPaymentState(string? Gone, IReadOnlyDictionary<long, long> Applied, long AmountCents, long UnappliedCents, IReadOnlyList<string> UnknownDocuments);

/// <summary>Reading a QBO Payment or BillPayment as Groundwork records one, written once.</summary>
public static class QboPaymentFacts
{
    /// <summary>
    /// The payment's facts for Groundwork: <paramref name="current"/> is null when QBO deleted it; <paramref name="linked"/> maps
    /// the QBO ids of linked invoices (Payment) or bills (BillPayment) to Groundwork document ids. QBO's facts are not a
    /// person's input: an overpayment, an unapplied amount or a document Groundwork thinks is closed are kept as QBO says.
    /// </summary>
    public static QboPaymentState Read(QboTransaction? current, IReadOnlyDictionary<string, long> linked)
    {
        ArgumentNullException.ThrowIfNull(linked);
        if (current is null) return new("deleted", new Dictionary<long, long>(), 0, 0, []);
        var byQboId = Applied(current);
        var applied = new Dictionary<long, long>();
        foreach (var (qboId, cents) in byQboId)
        {
            // A line of zero applies nothing (QuickBooks' way of unapplying part of a payment).
            if (cents != 0 && linked.TryGetValue(qboId, out var local)) applied[local] = checked(applied.GetValueOrDefault(local) + cents);
        }
        var unknown = byQboId.Keys.Where(k => !linked.ContainsKey(k)).ToList();
        var total = DocumentMath.ToCents(current.TotalAmt ?? 0);
        var allLines = byQboId.Values.Aggregate(0L, (sum, cents) => checked(sum + cents));
        var amount = Math.Max(total, applied.Values.Aggregate(0L, (sum, cents) => checked(sum + cents)));
        var gone = QboDocumentFacts.IsVoided(current) ? "voided" : applied.Count == 0 ? "unapplied" : null;
        return new(gone, applied, gone == "voided" ? 0 : amount, gone == "voided" ? 0 : Math.Max(0, total - allLines), unknown);
    }

    /// <summary>
    /// The invoices (Payment) or bills (BillPayment) it pays, by QBO id, with the amount applied to each in cents. Credit
    /// memos a Payment applies are left out: their negative invoices follow QBO's remaining credit (ApplyQboChange).
    /// </summary>
    public static IReadOnlyDictionary<string, long> Applied(QboTransaction payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        var target = payment is QboBillPayment ? QboEntities.Bill : QboEntities.Invoice;
        var applied = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in payment.Line ?? [])
        {
            var documents = (line.LinkedTxn ?? []).Where(t => t.TxnType == target && t.TxnId is not null).Select(t => t.TxnId!).Distinct().ToList();
            // QBO links one document per payment line; a line naming several is split by none, so it counts once, on the first.
            if (documents.Count == 0 || line.Amount is not { } amount) continue;
            applied[documents[0]] = checked(applied.GetValueOrDefault(documents[0]) + DocumentMath.ToCents(amount));
        }
        return applied;
    }

    /// <summary>Groundwork's method for QBO's: a BillPayment's PayType, or a Payment's PaymentMethodRef name when it names a known one; else Other.</summary>
    public static PaymentMethod Method(QboTransaction payment) => payment switch
    {
        QboBillPayment { PayType: "Check" } => PaymentMethod.Check,
        QboBillPayment { PayType: "CreditCard" } => PaymentMethod.Card,
        QboPayment p => MethodNamed(p.PaymentMethodRef?.Name),
        _ => PaymentMethod.Other,
    };

    public static PaymentMethod MethodNamed(string? name) => (name ?? "").Trim().ToUpperInvariant() switch
    {
        "CHECK" or "CHEQUE" => PaymentMethod.Check,
        "CASH" => PaymentMethod.Cash,
        "ACH" or "E-CHECK" or "ECHECK" or "DIRECT DEPOSIT" or "BANK TRANSFER" => PaymentMethod.Ach,
        "WIRE" or "WIRE TRANSFER" => PaymentMethod.Wire,
        "CREDIT CARD" or "DEBIT CARD" or "VISA" or "MASTERCARD" or "AMERICAN EXPRESS" or "AMEX" or "DISCOVER" => PaymentMethod.Card,
        _ => PaymentMethod.Other,
    };

    /// <summary>The payment's reference: a Payment's PaymentRefNum, a BillPayment's DocNumber (the check number); null when blank.</summary>
    public static string? Reference(QboTransaction payment)
    {
        var text = (payment is QboPayment p ? p.PaymentRefNum : payment.DocNumber)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text.Length > Limits.Reference ? text[..Limits.Reference] : text;
    }

    /// <summary>The Groundwork payment id in Groundwork's marker (<c>[groundwork:payment:{id}]</c>), if the note carries one.</summary>
    public static long? MarkedPaymentId(string? privateNote)
    {
        const string prefix = "[groundwork:payment:";
        var start = privateNote?.IndexOf(prefix, StringComparison.Ordinal) ?? -1;
        if (start < 0) return null;
        var end = privateNote!.IndexOf(']', start);
        return end > start && long.TryParse(privateNote.AsSpan(start + prefix.Length, end - start - prefix.Length), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
