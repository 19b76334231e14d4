using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>Reading a QBO Payment or BillPayment as Groundwork records one, written once.</summary>
public static class QboPaymentFacts
{
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
