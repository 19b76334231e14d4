using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// The Groundwork job a QBO customer reference stands for, through the name links: a sub-customer linked to a job is that
/// job; one linked to a location, or a customer, is the current job when it is there, else its only job, else the job the
/// user chose among its jobs. Refused in words when the reference is linked to nothing or no job can be told.
/// </summary>
public static class QboParty
{
    public static async Task<(long? JobId, string? Problem)> JobAsync(GroundworkDbContext db, long connectionId, string customerQboId, string? customerName,
        long? currentJobId, long? chosenJobId, CancellationToken ct)
    {
        var identity = ApplyQboChange.Identity("Customer", customerQboId);
        var link = await db.QboLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.ConnectionId == connectionId && l.QboIdentity == identity && QboCreditMemoRecorder.CustomerKinds.Contains(l.Kind), ct);
        var shown = $"“{customerName ?? customerQboId}” (id {customerQboId})";
        if (link is null)
        {
            return (null, $"QuickBooks has it for the customer {shown}, which is not linked to a Groundwork customer, location or job. " +
                $"Link it on {PushChecks.NamesPage}, then try again.");
        }
        if (link.Kind == LinkedKind.Job) return (link.LocalId, null);
        var jobs = db.Jobs.AsNoTracking();
        jobs = link.Kind == LinkedKind.Location ? jobs.Where(j => j.LocationId == link.LocalId) : jobs.Where(j => j.Location!.CustomerId == link.LocalId);
        var ids = await jobs.OrderBy(j => j.Id).Select(j => j.Id).Take(Data.Limits.DocumentLines).ToListAsync(ct);
        var where = link.Kind == LinkedKind.Location ? "location" : "customer";
        if (currentJobId is { } current && ids.Contains(current)) return (current, null);
        if (chosenJobId is { } chosen) return ids.Contains(chosen) ? (chosen, null) : (null, $"Job {chosen} is not a job of the {where} QuickBooks names ({shown}).");
        return ids.Count switch
        {
            1 => (ids[0], null),
            0 => (null, $"The {where} QuickBooks names ({shown}) has no job in Groundwork. Create a job for it, then try again."),
            _ => (null, $"The {where} QuickBooks names ({shown}) has {ids.Count} jobs in Groundwork; choose the job."),
        };
    }

    /// <summary>The Groundwork vendor a QBO vendor reference is linked to.</summary>
    public static async Task<(long? VendorId, string? Problem)> VendorAsync(GroundworkDbContext db, long connectionId, string vendorQboId, string? vendorName, CancellationToken ct)
    {
        var identity = ApplyQboChange.Identity("Vendor", vendorQboId);
        var id = await db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == connectionId && l.QboIdentity == identity && l.Kind == LinkedKind.Vendor)
            .Select(l => (long?)l.LocalId).FirstOrDefaultAsync(ct);
        return id is null
            ? (null, $"QuickBooks has it for the vendor “{vendorName ?? vendorQboId}” (id {vendorQboId}), which is not linked to a Groundwork vendor. Link it on {PushChecks.NamesPage}, then try again.")
            : (id, null);
    }
}
