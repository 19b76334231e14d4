using Groundwork.Web.Data;
using Groundwork.Web.Features.CostCodes;
using Groundwork.Web.Features.CostTypes;
using Groundwork.Web.Features.Jobs;
using Groundwork.Web.Features.Vendors;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Documents;

/// <summary>The choices a document form offers.</summary>
public sealed record DocumentFormLists(IReadOnlyList<Job> Jobs, IReadOnlyList<Vendor> Vendors, IReadOnlyList<CostCode> CostCodes, IReadOnlyList<CostType> CostTypes)
{
    public static readonly DocumentFormLists Empty = new([], [], [], []);

    public static async Task<DocumentFormLists> LoadAsync(GroundworkDbContext db, CancellationToken ct) => new(
        await db.Jobs.AsNoTracking().Include(j => j.Location).ThenInclude(l => l!.Customer).Where(j => j.Status == JobStatus.Open).OrderBy(j => j.Number).ToListAsync(ct),
        await db.Vendors.AsNoTracking().Where(v => v.IsActive).OrderBy(v => v.Name).ToListAsync(ct),
        await db.CostCodes.AsNoTracking().OrderBy(c => c.Number).ToListAsync(ct),
        await db.CostTypes.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct));
}
