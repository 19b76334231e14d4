using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>Payments as Unsynced Records rows: their party, the documents they pay and their sync state (<see cref="PaymentSyncView"/>).</summary>
public static class UnsyncedPaymentRows
{
    /// <summary>The reason of a payment with no push queued: recorded before connecting (Push All or Retry sends it).</summary>
    public const string PaymentBeforeConnecting = "Not pushed yet: recorded before QuickBooks was connected; Push All or Retry sends it.";

    /// <summary>Kind of a payment row: QBO's entity it becomes.</summary>
    public static string Kind(DocumentKind paysKind) => paysKind == DocumentKind.Invoice ? "Payment" : "BillPayment";

    /// <summary>Payments whose reference, documents' numbers or customer / vendor contain the (lower-case) term.</summary>
    public static IQueryable<Payment> Matching(IQueryable<Payment> payments, string term) =>
        payments.Where(p => (p.Reference != null && p.Reference.ToLower().Contains(term)) || p.Applications.Any(a => a.Document!.Number.ToLower().Contains(term)
            || (a.Document.Customer != null && a.Document.Customer.Name.ToLower().Contains(term)) || (a.Document.Vendor != null && a.Document.Vendor.Name.ToLower().Contains(term))));

    public static async Task<List<UnsyncedRow>> PageAsync(GroundworkDbContext db, IQueryable<Payment> payments, int skip, int take, CancellationToken ct)
    {
        var page = await payments.OrderBy(p => p.Id).Skip(skip).Take(take).Select(p => new
        {
            p.Id, p.Kind, p.Reference, p.Date, p.AmountCents,
            Party = p.Applications.OrderBy(a => a.Id).Select(a => a.Document!.Kind == DocumentKind.Invoice ? a.Document.Customer!.Name : a.Document.Vendor!.Name).FirstOrDefault(),
            Documents = p.Applications.OrderBy(a => a.Id).Select(a => a.Document!.Number).ToList(),
        }).ToListAsync(ct);
        return await RowsAsync(db, [.. page.Select(p => (p.Id, p.Kind, p.Reference, p.Date, p.AmountCents, p.Party, (IReadOnlyList<string>)p.Documents))], ct);
    }

    /// <summary>The rows of these payments, with their state, reason and fix.</summary>
    public static async Task<List<UnsyncedRow>> RowsAsync(GroundworkDbContext db,
        List<(long Id, DocumentKind Kind, string? Reference, DateOnly Date, long AmountCents, string? Party, IReadOnlyList<string> Documents)> payments, CancellationToken ct)
    {
        var syncs = await PaymentSyncView.ForAsync(db, [.. payments.Select(p => p.Id)], ct);
        return payments.Select(p =>
        {
            var sync = syncs.GetValueOrDefault(p.Id) ?? new PaymentSyncDto("notSynced", null, null, null);
            return new UnsyncedRow(null, Kind(p.Kind), p.Reference ?? PaymentPusher.Label(p.Id), p.Party, p.Date, p.AmountCents, sync.State,
                sync.Message ?? (sync.State == "queued" ? "Queued: pushing shortly." : PaymentBeforeConnecting), sync.Problem, p.Id, p.Documents, sync.FixUrl, sync.IntuitTid);
        }).ToList();
    }
}
