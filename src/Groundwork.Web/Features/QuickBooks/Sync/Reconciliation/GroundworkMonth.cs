using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>
/// Groundwork's side of a month, read in chunks: finalized and voided invoices and bills dated in it, payments dated in it,
/// their links, and each document's lines by the Product/Service and Class the push sends them with — the push's own plan
/// (<see cref="PushPlanner"/>), so the report compares what a push would send.
/// </summary>
public sealed class GroundworkMonth(GroundworkDbContext db, PushPlanner planner)
{
    private const int Chunk = 200;

    /// <summary>Invoices and bills in the books: finalized ones, and voided ones (they may have reached QuickBooks first).</summary>
    public IQueryable<Document> Documents(DateOnly from, DateOnly to, long? jobId)
    {
        var documents = db.Documents.AsNoTracking().Where(d => d.IssueDate >= from && d.IssueDate <= to)
            .Where(d => d.Status == DocumentStatus.Pending || d.Status == DocumentStatus.Approved || d.Status == DocumentStatus.PartiallyPaid
                || d.Status == DocumentStatus.Paid || d.Status == DocumentStatus.Void);
        return jobId is { } job ? documents.Where(d => d.JobId == job) : documents;
    }

    public IQueryable<Payments.Payment> Payments(DateOnly from, DateOnly to, long? jobId)
    {
        var payments = db.Payments.AsNoTracking().Where(p => p.Date >= from && p.Date <= to);
        return jobId is { } job ? payments.Where(p => p.Applications.Any(a => a.Document!.JobId == job)) : payments;
    }

    public async Task<List<GroundworkDocument>> LoadDocumentsAsync(QboConnection connection, PushSettings settings, IReadOnlyCollection<long> ids,
        IDictionary<string, string> names, CancellationToken ct)
    {
        var loaded = new List<GroundworkDocument>(ids.Count);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var rows = await db.Documents.AsNoTracking().Where(d => chunk.Contains(d.Id))
                .Select(d => new { d.Id, d.Kind, d.Number, d.JobId, d.IssueDate, d.Status, d.TotalCents, d.PaidCents }).ToListAsync(ct);
            var links = await LinksAsync(connection.Id, [LinkedKind.Invoice, LinkedKind.Bill], chunk, ct);
            var states = await db.DocumentSyncs.AsNoTracking().Where(s => chunk.Contains(s.DocumentId)).ToDictionaryAsync(s => s.DocumentId, s => s.State, ct);
            // What Groundwork recorded and QuickBooks was not given: a payment with no payment link (ApplyQboChange's rule).
            var outside = await db.PaymentApplications.AsNoTracking()
                .Where(a => chunk.Contains(a.DocumentId) && !db.QboLinks.Any(l => l.Kind == LinkedKind.Payment && l.LocalId == a.PaymentId))
                .GroupBy(a => a.DocumentId).Select(g => new { g.Key, Cents = g.Sum(a => a.AmountCents) }).ToDictionaryAsync(g => g.Key, g => g.Cents, ct);
            var plans = await planner.PlanAsync(connection, settings, chunk, ct);
            foreach (var d in rows)
            {
                var plan = plans.GetValueOrDefault(d.Id);
                if (plan is not null) AddNames(plan, names);
                var link = links.GetValueOrDefault(d.Id);
                var state = states.TryGetValue(d.Id, out var s) ? s : link is null ? SyncState.NotSynced : SyncState.Synced;
                loaded.Add(new GroundworkDocument(d.Id, d.Kind, d.Number, d.JobId, d.IssueDate, d.Status == DocumentStatus.Void, d.TotalCents, d.PaidCents,
                    outside.GetValueOrDefault(d.Id), DocumentSyncView.Label(DocumentSyncView.Camel(state)), link, Party(plan), Lines(plan)));
            }
        }
        return loaded;
    }

    public async Task<List<GroundworkPayment>> LoadPaymentsAsync(long connectionId, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var loaded = new List<GroundworkPayment>(ids.Count);
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var payments = await db.Payments.AsNoTracking().Where(p => chunk.Contains(p.Id))
                .Select(p => new { p.Id, p.Kind, p.Date, p.AmountCents, p.Reference }).ToListAsync(ct);
            var applications = (await db.PaymentApplications.AsNoTracking().Where(a => chunk.Contains(a.PaymentId)).OrderBy(a => a.Id)
                .Select(a => new { a.PaymentId, a.DocumentId, a.Document!.JobId }).ToListAsync(ct)).ToLookup(a => a.PaymentId);
            var links = await LinksAsync(connectionId, [LinkedKind.Payment], chunk, ct);
            loaded.AddRange(payments.Select(p => new GroundworkPayment(p.Id, p.Kind, p.Date, p.AmountCents, p.Reference,
                applications[p.Id].Select(a => a.DocumentId).ToList(), applications[p.Id].Select(a => a.JobId).Distinct().ToList(), links.GetValueOrDefault(p.Id))));
        }
        return loaded;
    }

    /// <summary>The Groundwork records linked to these QuickBooks records (<c>Entity:Id</c>), by identity.</summary>
    public async Task<Dictionary<string, long>> LinkedToAsync(long connectionId, LinkedKind[] kinds, IReadOnlyCollection<string> identities, CancellationToken ct)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var chunk in identities.Chunk(Chunk))
        {
            foreach (var l in await db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == connectionId && kinds.Contains(l.Kind) && chunk.Contains(l.QboIdentity!))
                         .Select(l => new { l.QboIdentity, l.LocalId }).ToListAsync(ct))
            {
                found[l.QboIdentity!] = l.LocalId;
            }
        }
        return found;
    }

    /// <summary>Every QuickBooks document linked to one of the job's documents (any month): what a payment applied to belongs to the job.</summary>
    public async Task<HashSet<string>> JobIdentitiesAsync(long connectionId, long jobId, CancellationToken ct) =>
        (await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill) && l.QboIdentity != null
                && db.Documents.Any(d => d.Id == l.LocalId && d.JobId == jobId))
            .Select(l => l.QboIdentity!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The QuickBooks customer a job's documents go to, per the customer layout (its sub-customer), if linked.</summary>
    public async Task<string?> JobPartyAsync(QboConnection connection, Jobs.Job job, CancellationToken ct)
    {
        var (kind, id) = connection.CustomerLayout == QboCustomerLayout.JobAsSubCustomer ? (LinkedKind.Job, job.Id) : (LinkedKind.Location, job.LocationId);
        return await db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == connection.Id && l.Kind == kind && l.LocalId == id && l.State != QboLinkState.Deleted)
            .Select(l => l.QboId).FirstOrDefaultAsync(ct);
    }

    private async Task<Dictionary<long, LinkedRecord>> LinksAsync(long connectionId, LinkedKind[] kinds, long[] ids, CancellationToken ct) =>
        await db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == connectionId && kinds.Contains(l.Kind) && ids.Contains(l.LocalId))
            .ToDictionaryAsync(l => l.LocalId, l => new LinkedRecord(l.QboType, l.QboId, l.State == QboLinkState.Deleted), ct);

    /// <summary>The customer (sub-customer) an invoice goes to, or a bill's vendor, when it is linked already.</summary>
    private static string? Party(PushPlan? plan)
    {
        var name = plan?.Kind == DocumentKind.Bill ? plan.Names.FirstOrDefault(n => n.Kind == LinkedKind.Vendor) : plan?.Names.LastOrDefault(n => n.Kind != LinkedKind.Vendor);
        return name is { Action: "linked" } ? name.QboId : null;
    }

    private static Dictionary<LineKey, long> Lines(PushPlan? plan)
    {
        var lines = new Dictionary<LineKey, long>();
        if (plan is null) return lines;
        // The plan signs a negative invoice's lines as its credit memo's; Groundwork's signs are wanted here.
        var sign = plan.Entity == "CreditMemo" ? -1 : 1;
        foreach (var l in plan.Lines)
        {
            var key = new LineKey(l.ItemId.Length == 0 ? null : l.ItemId, l.ClassId);
            lines[key] = checked(lines.GetValueOrDefault(key) + sign * DocumentMath.ToCents(l.Amount));
        }
        return lines;
    }

    /// <summary>Names of the Products/Services and Classes the plan used, for the totals' rows.</summary>
    private static void AddNames(PushPlan plan, IDictionary<string, string> names)
    {
        foreach (var l in plan.Lines)
        {
            if (l.ItemName is { } item) names.TryAdd("item:" + l.ItemId, item);
            if (l.ClassId is { } cls && l.ClassName is { } className) names.TryAdd("class:" + cls, className);
        }
    }
}
