using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>
/// Synced documents that used a customer, location or vendor: QBO keeps the name each was pushed with, so a changed link
/// is said out loud and those documents are not rewritten.
/// </summary>
public static class NameUsage
{
    public static async Task<(int Count, List<SyncedDocumentUse> Documents)> OfAsync(GroundworkDbContext db, NameKind kind, long id, CancellationToken ct)
    {
        var documents = kind switch
        {
            NameKind.Customer => db.Documents.Where(d => d.CustomerId == id),
            NameKind.Vendor => db.Documents.Where(d => d.VendorId == id),
            _ => db.Documents.Where(d => db.Jobs.Any(j => j.Id == d.JobId && j.LocationId == id)),
        };
        var synced = from d in documents
                     join l in db.QboLinks on d.Id equals l.LocalId
                     where (d.Kind == DocumentKind.Invoice && l.Kind == LinkedKind.Invoice) || (d.Kind == DocumentKind.Bill && l.Kind == LinkedKind.Bill)
                     orderby d.Number, d.Id
                     select new { d.Id, d.Kind, d.Number, l.QboId };
        var count = await synced.CountAsync(ct);
        var shown = await synced.Take(MappingUsage.Shown).ToListAsync(ct);
        return (count, [.. shown.Select(u => new SyncedDocumentUse(u.Id, u.Kind, u.Number, u.QboId))]);
    }
}
