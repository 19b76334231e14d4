using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Import;

public sealed class ImportRequest
{
    public const int MaxSelected = 1000;
    public string? Kind { get; set; }
    public List<string>? QboIds { get; set; }
    public bool? All { get; set; }
    /// <summary>Import inactive QBO customers and vendors too (as inactive Groundwork records). Default false.</summary>
    public bool? IncludeInactive { get; set; }
}

public sealed record ImportRecordResult(string QboId, string Name, string Outcome, string Becomes, long? LocalId, string? Reason, long? SameNameId);

public sealed record ImportResultDto(string BatchId, string Kind, int Created, int Skipped, IReadOnlyList<ImportRecordResult> Results, bool ResultsTruncated, string? Stopped);

/// <summary>
/// Imports QBO customers (sub-customers as locations) or vendors: each record is created through the Groundwork use case
/// of its kind (their validation is the one rule) and linked (Source Imported, one BatchId per run) in one transaction,
/// so a record is never created without its link. 'All' walks the cached list in chunks, customers before sub-customers.
/// </summary>
public sealed class ImportFromQuickBooks(GroundworkDbContext db, QboLists lists, ImportCandidates candidates, QboCompanyCalls qbo, ImportWriter writer) : IUseCase
{
    public const int ChunkSize = 100;
    /// <summary>The most per-record results an answer lists; the counts always cover the whole run.</summary>
    public const int MaxResults = 1000;

    public async Task<Outcome<ImportResultDto>> HandleAsync(ImportRequest request, CancellationToken ct)
    {
        var check = Validate(request, out var kind);
        if (check.HasErrors) return check.ToOutcome<ImportResultDto>();
        var snapshot = await lists.GetAsync(ImportPlan.List(kind), refresh: false, ct);
        if (!snapshot.IsOk)
        {
            return snapshot.Kind == OutcomeKind.NotFound ? Outcome<ImportResultDto>.NotFound(snapshot.Message!) : Outcome<ImportResultDto>.Conflict(snapshot.Message!);
        }
        var connection = await db.QboConnections.AsNoTracking().FirstAsync(c => c.Id == snapshot.Value!.ConnectionId, ct);
        var run = new ImportRun(Guid.NewGuid().ToString("D"), await ImportPlan.LoadAsync(db, connection, kind, ct), request.IncludeInactive == true);

        var unlinked = candidates.Unlinked(connection.Id, kind);
        if (request.All == true)
        {
            // Customers first, then sub-customers, each walked by id so a chunk never re-reads what an earlier one saw.
            foreach (var subCustomers in new[] { false, true })
            {
                for (long after = 0; run.Stopped is null;)
                {
                    var chunk = await unlinked.Where(e => e.Id > after && (e.ParentId != null) == subCustomers).OrderBy(e => e.Id).Take(ChunkSize).ToListAsync(ct);
                    if (chunk.Count == 0) break;
                    after = chunk[^1].Id;
                    await ImportChunkAsync(connection, run, chunk, ct);
                }
            }
        }
        else
        {
            var ids = request.QboIds!.Select(i => i.Trim()).Distinct(StringComparer.Ordinal).ToList();
            var found = new List<QboListEntry>();
            foreach (var part in ids.Chunk(ChunkSize))
            {
                found.AddRange(await lists.Entries(connection.Id, ImportPlan.List(kind)).Where(e => part.Contains(e.QboId)).ToListAsync(ct));
            }
            var foundIds = found.Select(f => f.Id).ToList();
            var open = (await unlinked.Where(e => foundIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
            var known = found.Select(f => f.QboId).ToHashSet(StringComparer.Ordinal);
            foreach (var id in ids.Where(i => !known.Contains(i)))
            {
                run.Skip(id, id, "—", "Not in the QuickBooks list as last read: refresh the list.");
            }
            foreach (var f in found.Where(f => !open.Contains(f.Id)))
            {
                run.Skip(f.QboId, f.Name, "—", "Already linked to a Groundwork record.");
            }
            var todo = found.Where(f => open.Contains(f.Id)).OrderBy(f => f.ParentId is not null).ThenBy(f => f.Id).ToList();
            foreach (var chunk in todo.Chunk(ChunkSize))
            {
                if (run.Stopped is not null)
                {
                    foreach (var e in chunk) run.Skip(e.QboId, e.Name, "—", run.Stopped);
                    continue;
                }
                await ImportChunkAsync(connection, run, [.. chunk], ct);
            }
        }
        return Outcome<ImportResultDto>.Ok(run.Result(ImportCandidates.Kind(kind)));
    }

    private async Task ImportChunkAsync(QboConnection connection, ImportRun run, List<QboListEntry> chunk, CancellationToken ct)
    {
        IReadOnlyDictionary<string, QboNameEntity> records;
        try
        {
            records = await ReadAsync(connection.OrganizationId, run.Plan.Kind, chunk.Select(e => e.QboId).ToList(), ct);
        }
        catch (Exception ex) when (ex is QboException or QboNotConnectedException)
        {
            run.Stopped = ex is QboException q ? CheckReadiness.Unanswered(q) : ex.Message;
            foreach (var e in chunk) run.Skip(e.QboId, e.Name, "—", run.Stopped);
            return;
        }
        var parentIds = chunk.Select(e => e.ParentId).OfType<string>().Distinct().ToList();
        var parents = parentIds.Count == 0 ? [] : await lists.Entries(connection.Id, QboListType.Customer).Where(e => parentIds.Contains(e.QboId)).ToDictionaryAsync(e => e.QboId, ct);
        foreach (var entry in chunk)
        {
            if (!records.TryGetValue(entry.QboId, out var record))
            {
                run.Skip(entry.QboId, entry.Name, "—", "No longer in QuickBooks: refresh the list.");
                continue;
            }
            var active = record.Active ?? true;
            var name = (record.DisplayName ?? entry.Name).Trim();
            if (!active) name = NameMatch.WithoutDeletedSuffix(name);
            var parentId = (record as QboCustomer)?.ParentRef?.Value;
            var parent = parentId is null ? null : parents.GetValueOrDefault(parentId);
            var decision = await run.Plan.DecideAsync(name, active, parentId, parent, run.IncludeInactive, ct);
            var becomes = ImportCandidates.Becomes(decision.Becomes);
            if (!decision.Importable || (decision.Becomes == ImportTarget.Location && decision.ParentCustomerId is null))
            {
                run.Skip(entry.QboId, name, becomes, decision.Reason ?? "Not importable.", decision.SameNameId);
                continue;
            }
            var created = await writer.CreateAsync(connection.Id, run.BatchId, decision, record, name, active, ct);
            if (created.IsOk)
            {
                run.Plan.Created(decision.Becomes, entry.QboId, name, created.Value, decision.ParentCustomerId);
                run.Add(new(entry.QboId, name, "created", becomes, created.Value, null, null));
            }
            else
            {
                run.Skip(entry.QboId, name, becomes, Reason(created));
            }
        }
    }

    private async Task<IReadOnlyDictionary<string, QboNameEntity>> ReadAsync(long organizationId, ImportKind kind, List<string> ids, CancellationToken ct)
    {
        var query = QboQuery.From(ImportPlan.QboType(kind)).WhereIn("Id", ids.Cast<object>()).IncludeInactive().MaxResults(ids.Count);
        if (kind == ImportKind.Vendor)
        {
            var vendors = await qbo.CallAsync(organizationId, (c, company, t) => c.QueryAsync<QboVendor>(company, query, t), ct);
            return vendors.Items.Where(v => v.Id is not null).ToDictionary(v => v.Id!, v => (QboNameEntity)v);
        }
        var customers = await qbo.CallAsync(organizationId, (c, company, t) => c.QueryAsync<QboCustomer>(company, query, t), ct);
        return customers.Items.Where(v => v.Id is not null).ToDictionary(v => v.Id!, v => (QboNameEntity)v);
    }

    private static string Reason(Outcome<long> refused) => refused.Kind == OutcomeKind.Invalid
        ? string.Join(" ", refused.Errors.SelectMany(e => e.Value).Distinct())
        : refused.Message ?? "Refused.";

    private static RequestValidator Validate(ImportRequest request, out ImportKind kind)
    {
        var check = new RequestValidator();
        check.Check(ImportPlan.TryParseKind(request.Kind, out kind), nameof(ImportRequest.Kind), "Kind must be customer or vendor.");
        var all = request.All == true;
        var ids = request.QboIds;
        if (all == (ids is { Count: > 0 }))
        {
            check.Add(nameof(ImportRequest.QboIds), "Send either qboIds (the records to import) or all: true, not both.");
        }
        else if (ids is not null)
        {
            check.Check(ids.Count <= ImportRequest.MaxSelected, nameof(ImportRequest.QboIds), $"At most {ImportRequest.MaxSelected} records per import; use all: true for more.");
            check.Check(ids.All(i => !string.IsNullOrWhiteSpace(i) && i.Trim().Length <= 64 && NameRules.IsStorable(i)),
                nameof(ImportRequest.QboIds), "Each QuickBooks id must be 1 to 64 characters.");
        }
        return check;
    }
}

/// <summary>One import run's tally.</summary>
internal sealed class ImportRun(string batchId, ImportPlan plan, bool includeInactive)
{
    private readonly List<ImportRecordResult> results = [];
    private int created;
    private int skipped;

    public string BatchId { get; } = batchId;
    public ImportPlan Plan { get; } = plan;
    public bool IncludeInactive { get; } = includeInactive;
    /// <summary>Why the run stopped early (QuickBooks did not answer); what was created before stays.</summary>
    public string? Stopped { get; set; }

    public void Skip(string qboId, string name, string becomes, string reason, long? sameNameId = null) =>
        Add(new(qboId, name, "skipped", becomes, null, reason, sameNameId));

    public void Add(ImportRecordResult result)
    {
        if (result.Outcome == "created") created++;
        else skipped++;
        if (results.Count < ImportFromQuickBooks.MaxResults) results.Add(result);
    }

    public ImportResultDto Result(string kind) => new(BatchId, kind, created, skipped, results, created + skipped > results.Count, Stopped);
}
