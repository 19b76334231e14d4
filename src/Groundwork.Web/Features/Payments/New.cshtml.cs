using System.Globalization;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Shared;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Payments;

/// <summary>One payment spread over any of the open documents of one kind; an empty amount skips the document.</summary>
public sealed class NewModel(GroundworkDbContext db, RecordPayment record, Organizations.OrganizationCalendar calendar) : PageModel
{
    [BindProperty]
    public PaymentInput Input { get; set; } = new();

    [BindProperty]
    public List<AmountRow> Amounts { get; set; } = [];

    /// <summary>When paying from a document, only that customer's (or vendor's) open documents are offered.</summary>
    [BindProperty(SupportsGet = true)]
    public long? PartyId { get; set; }

    public DocumentKind Kind { get; private set; }
    public IReadOnlyList<Document> Open { get; private set; } = [];

    public sealed class AmountRow
    {
        public long DocumentId { get; set; }
        public string? Amount { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(long? documentId, DocumentKind? kind, CancellationToken ct)
    {
        Input.Date = await calendar.TodayAsync(ct);
        Kind = kind ?? DocumentKind.Invoice;
        if (documentId is { } id)
        {
            var doc = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
            if (doc is null) return NotFound();
            Kind = doc.Kind;
            PartyId = doc.CustomerId ?? doc.VendorId;
            Amounts = [new AmountRow { DocumentId = id, Amount = (doc.BalanceCents / 100m).ToString("0.00", CultureInfo.InvariantCulture) }];
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(DocumentKind kind, CancellationToken ct)
    {
        Kind = kind;
        await LoadAsync(ct);
        for (var i = 0; i < Amounts.Count; i++)
        {
            var text = Amounts[i].Amount;
            if (string.IsNullOrWhiteSpace(text)) continue;
            if (TypedNumber.TryParseAmount(text, out var amount))
            {
                Input.Applications.Add(new PaymentApplicationInput { DocumentId = Amounts[i].DocumentId, Amount = amount });
            }
            else
            {
                var number = Open.FirstOrDefault(d => d.Id == Amounts[i].DocumentId)?.Number ?? "Payment";
                ModelState.AddModelError("", $"{number}: '{text.Trim()}' is not an amount; write it like 1,000.00.");
            }
        }
        if (ModelState.IsValid)
        {
            var outcome = await record.HandleAsync(Input, ct);
            if (outcome.IsOk)
            {
                TempData["Flash"] = $"Payment of {DocumentMath.Format(outcome.Value!.AmountCents)} recorded.";
                var first = outcome.Value.Applications[0].DocumentId;
                return Redirect(outcome.Value.Applications.Count == 1 ? $"/{DocumentRoute.Segment(kind)}/{first}" : "/Payments");
            }
            ModelState.AddOutcome(outcome);
        }
        return Page();
    }

    public string? AmountText(long documentId) => Amounts.FirstOrDefault(a => a.DocumentId == documentId)?.Amount;

    private async Task LoadAsync(CancellationToken ct) =>
        Open = await db.Documents.AsNoTracking().Include(d => d.Job).Include(d => d.Customer).Include(d => d.Vendor)
            .Where(d => d.Kind == Kind && (PartyId == null || d.CustomerId == PartyId || d.VendorId == PartyId))
            .Where(DocumentRules.Open)
            .OrderBy(d => d.IssueDate).ThenBy(d => d.Id).Take(100).ToListAsync(ct);
}
