using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Payments;

public sealed class PaymentInput
{
    public DateOnly? Date { get; set; }
    public PaymentMethod Method { get; set; } = PaymentMethod.Check;
    [StringLength(Limits.Reference, ErrorMessage = "Reference can be at most 50 characters.")]
    public string? Reference { get; set; }
    public List<PaymentApplicationInput> Applications { get; set; } = [];
}

public sealed class PaymentApplicationInput
{
    public long DocumentId { get; set; }
    /// <summary>In currency units, at most two decimals.</summary>
    public decimal Amount { get; set; }
}

/// <summary>Records a payment against one or more finalized documents of one kind and moves each to PartiallyPaid or Paid.</summary>
public sealed class RecordPayment(GroundworkDbContext db, Organizations.OrganizationCalendar calendar, DocumentHistory history)
{
    /// <summary>Far above any construction invoice, far below where cents stop fitting in a long.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    public async Task<Outcome<Payment>> HandleAsync(PaymentInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input)
            .Check(Enum.IsDefined(input.Method), nameof(PaymentInput.Method), "Unknown payment method.")
            .Check(input.Applications.Count > 0, nameof(PaymentInput.Applications), "Apply the payment to at least one document.")
            .Check(input.Applications.Select(a => a.DocumentId).Distinct().Count() == input.Applications.Count,
                nameof(PaymentInput.Applications), "A document can appear only once in a payment.");
        for (var i = 0; i < input.Applications.Count; i++)
        {
            var amount = input.Applications[i].Amount;
            check.Check(amount > 0, $"Applications[{i}].Amount", "Amount must be greater than zero.")
                .Check(amount <= MaxAmount, $"Applications[{i}].Amount", "Amount can be at most 1,000,000,000.")
                .Check(decimal.Round(amount, 2) == amount, $"Applications[{i}].Amount", "Amount can have at most two decimals.");
        }
        if (check.HasErrors) return check.ToOutcome<Payment>();

        var ids = input.Applications.Select(a => a.DocumentId).ToList();
        var documents = await db.Documents.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        for (var i = 0; i < input.Applications.Count; i++)
        {
            var field = $"Applications[{i}].Amount";
            if (!documents.TryGetValue(input.Applications[i].DocumentId, out var doc))
            {
                check.Add($"Applications[{i}].DocumentId", "The document does not exist.");
                continue;
            }
            check.Check(doc.Status is DocumentStatus.Pending or DocumentStatus.Approved or DocumentStatus.PartiallyPaid,
                    field, $"{doc.Number} is {doc.Status}; only a finalized, unpaid invoice or an approved bill can be paid.")
                .Check(DocumentMath.ToCents(input.Applications[i].Amount) <= doc.BalanceCents,
                    field, $"{doc.Number} has a balance of {DocumentMath.Format(doc.BalanceCents)}; the payment cannot be larger.");
        }
        var kinds = documents.Values.Select(d => d.Kind).Distinct().ToList();
        check.Check(kinds.Count <= 1, nameof(PaymentInput.Applications), "A payment applies either to invoices or to bills, not both.");
        if (check.HasErrors) return check.ToOutcome<Payment>();

        var payment = new Payment
        {
            Kind = kinds[0],
            Date = input.Date ?? await calendar.TodayAsync(ct),
            Method = input.Method,
            Reference = Customers.AddressInput.Clean(input.Reference),
        };
        foreach (var application in input.Applications)
        {
            var doc = documents[application.DocumentId];
            var cents = DocumentMath.ToCents(application.Amount);
            payment.Applications.Add(new PaymentApplication { DocumentId = doc.Id, AmountCents = cents });
            doc.PaidCents += cents;
            history.Move(doc, PaymentStatus.For(doc), $"Payment of {DocumentMath.Format(cents)} recorded");
        }
        payment.AmountCents = payment.Applications.Sum(a => a.AmountCents);
        db.Payments.Add(payment);
        return await SaveChanges.TryAsync(db, payment, "", "", ct);
    }
}

internal static class PaymentStatus
{
    /// <summary>The status a finalized document has for what has been paid on it.</summary>
    public static DocumentStatus For(Document d) =>
        d.PaidCents <= 0 ? d.OpenStatus : d.PaidCents >= d.TotalCents ? DocumentStatus.Paid : DocumentStatus.PartiallyPaid;
}
