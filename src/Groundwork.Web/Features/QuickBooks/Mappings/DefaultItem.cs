using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Mappings;

/// <summary>
/// The organization's default Product/Service (a <see cref="LinkedKind.DefaultItem"/> link, local id 0): unmapped cost
/// codes push with it, and nothing is pushed without one. The push pre-flight asks here and links to <see cref="PagePath"/>.
/// </summary>
public static class DefaultItem
{
    /// <summary>The Products/Services Mapping page, where the default item is chosen.</summary>
    public const string PagePath = "/Settings/Integrations/QuickBooks/Products";

    public const string NotSetMessage = "Choose a default QuickBooks Product/Service first: unmapped cost codes are pushed with it.";

    /// <summary>The default item's link of the connection (tenant-filtered like every query), or null.</summary>
    public static Task<QboLink?> FindAsync(GroundworkDbContext db, long connectionId, CancellationToken ct) =>
        db.QboLinks.AsNoTracking().FirstOrDefaultAsync(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.DefaultItem && l.LocalId == 0, ct);

    /// <summary>Whether a default item is chosen for the connection.</summary>
    public static Task<bool> IsSetAsync(GroundworkDbContext db, long connectionId, CancellationToken ct) =>
        db.QboLinks.AnyAsync(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.DefaultItem && l.LocalId == 0, ct);

    /// <summary>
    /// Whether the default item is chosen and still active as QBO was last read: an item made inactive in QBO cannot be
    /// used on a transaction (QBO answers 610), so the pre-flight should refuse with a fix, not push.
    /// </summary>
    public static async Task<bool> IsUsableAsync(GroundworkDbContext db, long connectionId, CancellationToken ct)
    {
        var link = await FindAsync(db, connectionId, ct);
        if (link is null) return false;
        return await db.Set<QboListEntry>().AnyAsync(e => e.ConnectionId == connectionId && e.List == QboListType.Item && e.QboId == link.QboId && e.Active, ct);
    }
}
