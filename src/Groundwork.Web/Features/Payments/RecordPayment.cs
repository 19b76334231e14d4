using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Payments;

public sealed class PaymentInput
{
    [Display(Name = "Date")] public DateOnly? Date { get; set; }
    public PaymentMethod Method { get; set; } = PaymentMethod.Check;
    [Display(Name = "Reference"), StringLength(Limits.Reference, ErrorMessage = "Reference can be at most 50 characters.")]
    public string? Reference { get; set; }
    /// <summary>A JSON null means none (refused as "apply to at least one document"); a null item is refused on its index.</summary>
    public List<PaymentApplicationInput> Applications { get; set => field = value ?? []; } = [];
}

public sealed class PaymentApplicationInput
{
    public long DocumentId { get; set; }
    /// <summary>In currency units, at most two decimals.</summary>
    public decimal Amount { get; set; }
}

/// <summary>
/// Records a payment against one or more open documents of one kind and one party (QBO's Payment names one customer,
/// its BillPayment one vendor) and moves each document to PartiallyPaid or Paid; with QuickBooks connected, its QBO
/// Payment or BillPayment is queued in the same transaction. Payments made in QuickBooks do not come through here
/// (<see cref="QuickBooks.Sync.Inbound.ApplyQboPayment"/>): they are facts, not a person's input.
/// </summary>
public sealed class RecordPayment(GroundworkDbContext db, Organizations.OrganizationCalendar calendar, DocumentHistory history, QuickBooks.Sync.SyncOutbox outbox)
    : IUseCase
{
    public async Task<Outcome<Payment>> HandleAsync(PaymentInput input, CancellationToken ct)
    {
        var check = Validate(input);
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
            check.Check(DocumentRules.IsOpen(doc),
                    field, $"{doc.Number} is {doc.Status}; only a finalized, unpaid invoice or an approved bill can be paid.")
                .Check(DocumentMath.ToCents(input.Applications[i].Amount) <= doc.BalanceCents,
                    field, $"{doc.Number} has a balance of {DocumentMath.Format(doc.BalanceCents)}; the payment cannot be larger.");
        }
        var kinds = documents.Values.Select(d => d.Kind).Distinct().ToList();
        check.Check(kinds.Count <= 1, nameof(PaymentInput.Applications), "A payment applies either to invoices or to bills, not both.");
        check.Check(kinds.Count != 1 || documents.Values.Select(d => d.CustomerId ?? d.VendorId).Distinct().Count() == 1,
            nameof(PaymentInput.Applications), kinds.FirstOrDefault() == DocumentKind.Invoice
                ? "A payment is from one customer; record a separate payment for each customer's invoices."
                : "A payment is to one vendor; record a separate payment for each vendor's bills.");
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
            doc.PaidCents = checked(doc.PaidCents + cents);
            history.Move(doc, DocumentRules.StatusAfterPayments(doc), $"Payment of {DocumentMath.Format(cents)} recorded");
        }
        payment.AmountCents = checked(payment.Applications.Sum(a => a.AmountCents));
        db.Payments.Add(payment);
        // The payment and its QuickBooks push commit together; the push needs the payment's id, so two saves in one transaction.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var saved = await SaveChanges.TryAsync(db, payment, "", "", ct);
        if (!saved.IsOk) return saved;
        await outbox.PaymentRecordedAsync(payment.Id, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return saved;
    }

    private static RequestValidator Validate(PaymentInput input)
    {
        var check = new RequestValidator().Annotations(input)
            .Check(Enum.IsDefined(input.Method), nameof(PaymentInput.Method), "Unknown payment method.")
            .Check(input.Applications.Count > 0, nameof(PaymentInput.Applications), "Apply the payment to at least one document.");
        if (input.Applications.Count > Limits.PaymentApplications)
        {
            return check.Add(nameof(PaymentInput.Applications), $"A payment can apply to at most {Limits.PaymentApplications:N0} documents.");
        }
        for (var i = 0; i < input.Applications.Count; i++)
        {
            var field = $"Applications[{i}].Amount";
            if (input.Applications[i] is not { } application)
            {
                check.Add($"Applications[{i}]", $"Application {i + 1} is empty (null); send a document and an amount or leave it out.");
                continue;
            }
            check.Check(application.Amount > 0, field, "Amount must be greater than zero.")
                .Check(application.Amount <= Limits.LargestAmount, field, $"Amount can be at most {Limits.LargestAmount:N0}.")
                .Check(decimal.Round(application.Amount, 2) == application.Amount, field, "Amount can have at most two decimals.");
        }
        if (check.HasErrors) return check;
        check.Check(input.Applications.Select(a => a.DocumentId).Distinct().Count() == input.Applications.Count,
                nameof(PaymentInput.Applications), "A document can appear only once in a payment.")
            .Check(input.Applications.Sum(a => a.Amount) <= Limits.LargestAmount,
                nameof(PaymentInput.Applications), $"A payment can total at most {Limits.LargestAmount:N0}; split it into several payments.");
        return check;
    }
}
