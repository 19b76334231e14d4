using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Links;

/// <summary>A synced document a mapping change would not rewrite.</summary>
public sealed record SyncedDocumentUse(long DocumentId, DocumentKind Kind, string Number, string? QboId);

/// <summary>
/// Which synced documents used a cost code or cost type: shown when its mapping changes, because QBO keeps the item and
/// class each synced line was pushed with, and Groundwork does not rewrite them silently.
/// </summary>
public static class MappingUsage
{
    /// <summary>Most documents listed; the count says how many there are in all.</summary>
    public const int Shown = 50;

    public static Task<(int Count, List<SyncedDocumentUse> Documents)> CostCodeAsync(GroundworkDbContext db, long costCodeId, CancellationToken ct) =>
        UsingAsync(db, db.DocumentLines.Where(l => l.CostCodeId == costCodeId).Select(l => l.DocumentId), ct);

    public static Task<(int Count, List<SyncedDocumentUse> Documents)> CostTypeAsync(GroundworkDbContext db, long costTypeId, CancellationToken ct) =>
        UsingAsync(db, db.DocumentLines.Where(l => l.CostTypeId == costTypeId).Select(l => l.DocumentId), ct);

    private static async Task<(int, List<SyncedDocumentUse>)> UsingAsync(GroundworkDbContext db, IQueryable<long> documentIds, CancellationToken ct)
    {
        var synced = from d in db.Documents
                     join l in db.QboLinks on d.Id equals l.LocalId
                     where documentIds.Contains(d.Id)
                        && ((d.Kind == DocumentKind.Invoice && l.Kind == LinkedKind.Invoice) || (d.Kind == DocumentKind.Bill && l.Kind == LinkedKind.Bill))
                     orderby d.Number, d.Id
                     select new { d.Id, d.Kind, d.Number, l.QboId };
        var count = await synced.CountAsync(ct);
        // Ordered before the projection: EF cannot translate an OrderBy over a record's constructor.
        var shown = (await synced.Take(Shown).ToListAsync(ct)).Select(u => new SyncedDocumentUse(u.Id, u.Kind, u.Number, u.QboId)).ToList();
        return (count, shown);
    }
}
