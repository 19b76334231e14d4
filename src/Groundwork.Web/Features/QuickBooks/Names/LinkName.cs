using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Features.Shared;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary><c>{ "qboId": "…" }</c> links, <c>{ "qboId": null }</c> unlinks; an inactive QBO record only with <c>confirmInactive</c>.</summary>
public sealed class LinkNameInput
{
    public string? QboId { get; set; }
    public bool ConfirmInactive { get; set; }
}

/// <summary>The link now, the one it replaced, and the synced documents that used the old one (not rewritten).</summary>
public sealed record LinkNameResult(long Id, string Kind, NameLinkInfo? Link, NameLinkInfo? Previous, int SyncedDocumentCount,
    IReadOnlyList<SyncedDocumentUse> SyncedDocuments, string Message);

/// <summary>
/// Links a customer, location or vendor to an existing QBO record, or unlinks it. Never writes to QBO: it reads the cached
/// list (refreshed once when the id is not in it) and stores one link row.
/// </summary>
public sealed class LinkName(GroundworkDbContext db, QboLists lists) : IUseCase
{
    public async Task<Outcome<LinkNameResult>> HandleAsync(NameKind kind, long id, LinkNameInput input, CancellationToken ct)
    {
        var qboId = input.QboId?.Trim();
        if (input.QboId is not null && (qboId!.Length == 0 || qboId.Length > 64))
        {
            return Outcome<LinkNameResult>.Invalid("qboId", "qboId must be a QuickBooks id (1 to 64 characters), or null to unlink.");
        }
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<LinkNameResult>.NotFound("QuickBooks is not connected.");
        if (kind == NameKind.Location && connection.CustomerLayout == Connection.QboCustomerLayout.JobAsSubCustomer)
        {
            return Outcome<LinkNameResult>.Conflict("The customer layout makes jobs the QuickBooks sub-customers, so locations are not linked to QuickBooks.");
        }
        var record = await NameRecords.FindAsync(db, kind, id, ct);
        if (record is null) return Outcome<LinkNameResult>.NotFound($"{Capital(kind)} {id} was not found.");

        var linked = kind.Linked();
        var existing = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == linked && l.LocalId == id, ct);
        var previous = existing is null ? null : Info(existing);
        if (qboId is null)
        {
            if (existing is null) return Outcome<LinkNameResult>.Ok(new(id, kind.Slug(), null, null, 0, [], $"{Capital(kind)} “{record.Name}” was not linked."));
            var (count, used) = await NameUsage.OfAsync(db, kind, id, ct);
            db.QboLinks.Remove(existing);
            var removed = await SaveChanges.TryAsync(db, existing, "qboId", "The link changed meanwhile.", ct);
            if (!removed.IsOk) return Outcome<LinkNameResult>.Conflict(removed.Message ?? SaveChanges.ConflictMessage);
            return Outcome<LinkNameResult>.Ok(new(id, kind.Slug(), null, previous, count, used, Said($"Unlinked “{record.Name}” from “{previous!.QboName}”.", count)));
        }

        var found = await FindAsync(connection.Id, kind, qboId, ct);
        if (!found.IsOk) return Relay<QboListEntry, LinkNameResult>(found);
        var entry = found.Value!;
        if (await WrongPlaceAsync(connection.Id, kind, record, entry, ct) is { } wrong) return Outcome<LinkNameResult>.Invalid("qboId", wrong);
        if (!entry.Active && !input.ConfirmInactive)
        {
            return Outcome<LinkNameResult>.Conflict(
                $"“{entry.Name}” is inactive in QuickBooks. Make it active there (Sales → Customers or Expenses → Vendors, filter Inactive, Make active), " +
                "refresh, and link it; or link it anyway with confirmInactive: true — nothing can be pushed to it until it is active again.");
        }
        var identity = $"{kind.QboType()}:{entry.QboId}";
        var other = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connection.Id && l.QboIdentity == identity && !(l.Kind == linked && l.LocalId == id))
            .Select(l => new { l.Kind, l.LocalId }).FirstOrDefaultAsync(ct);
        if (other is not null)
        {
            return Outcome<LinkNameResult>.Conflict($"“{entry.Name}” is already linked to {other.Kind.ToString().ToLowerInvariant()} {other.LocalId}; unlink it there first.");
        }

        var same = existing is not null && existing.QboId == entry.QboId;
        var link = existing ?? db.QboLinks.Add(new QboLink { ConnectionId = connection.Id, Kind = linked, LocalId = id }).Entity;
        link.PointAt(kind.QboType(), entry.QboId, entry.Name);
        link.SyncToken = entry.SyncToken;
        link.State = entry.Active ? QboLinkState.Active : QboLinkState.Inactive;
        if (!same)
        {
            link.Source = QboLinkSource.Manual;
            link.BatchId = null;
        }
        var (usedCount, usedDocuments) = existing is null || same ? (0, new List<SyncedDocumentUse>()) : await NameUsage.OfAsync(db, kind, id, ct);
        var saved = await SaveChanges.TryAsync(db, link, "qboId", "", ct);
        if (!saved.IsOk)
        {
            // The unique index on the QBO identity: another record claimed it between the check and the save.
            return Outcome<LinkNameResult>.Conflict(saved.Kind == OutcomeKind.Invalid ? $"“{entry.Name}” is already linked to another Groundwork record." : saved.Message!);
        }
        var message = previous is null || same ? $"Linked “{record.Name}” to “{entry.Name}”." : $"Linked “{record.Name}” to “{entry.Name}” instead of “{previous.QboName}”.";
        return Outcome<LinkNameResult>.Ok(new(id, kind.Slug(), Info(link), same ? null : previous, usedCount, usedDocuments, Said(message, usedCount)));
    }

    private async Task<Outcome<QboListEntry>> FindAsync(long connectionId, NameKind kind, string qboId, CancellationToken ct)
    {
        var entry = await lists.Entries(connectionId, kind.List()).FirstOrDefaultAsync(e => e.QboId == qboId, ct);
        if (entry is null)
        {
            // Not in the list as last read: read it again once (a record the bookkeeper just added), never write.
            var refreshed = await lists.GetAsync(kind.List(), refresh: true, ct);
            if (!refreshed.IsOk) return Outcome<QboListEntry>.Conflict(refreshed.Message ?? "QuickBooks did not answer.");
            entry = await lists.Entries(connectionId, kind.List()).FirstOrDefaultAsync(e => e.QboId == qboId, ct);
        }
        if (entry is not null) return Outcome<QboListEntry>.Ok(entry);
        var elsewhere = await db.Set<QboListEntry>().AsNoTracking()
            .Where(e => e.ConnectionId == connectionId && e.QboId == qboId && e.List != kind.List()).Select(e => new { e.List, e.Name }).FirstOrDefaultAsync(ct);
        return elsewhere is null
            ? Outcome<QboListEntry>.NotFound($"QuickBooks has no {kind.QboType().ToLowerInvariant()} with id {qboId}.")
            : Outcome<QboListEntry>.Invalid("qboId",
                $"QuickBooks record {qboId} (“{elsewhere.Name}”) is a {elsewhere.List.ToString().ToLowerInvariant()}; a {kind.Slug()} links to a QuickBooks {QboKindText(kind)}.");
    }

    /// <summary>A customer links to a top-level customer; a location to a sub-customer, under its customer's QBO customer when that is linked.</summary>
    private async Task<string?> WrongPlaceAsync(long connectionId, NameKind kind, NameRecord record, QboListEntry entry, CancellationToken ct)
    {
        if (kind == NameKind.Customer && entry.ParentId is not null)
        {
            return $"“{entry.FullyQualifiedName ?? entry.Name}” is a QuickBooks sub-customer; a customer links to a top-level QuickBooks customer.";
        }
        if (kind != NameKind.Location) return null;
        if (entry.ParentId is null) return $"“{entry.Name}” is a top-level QuickBooks customer; a location links to a sub-customer.";
        var parent = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.Customer && l.LocalId == record.CustomerId).Select(l => l.QboId).FirstOrDefaultAsync(ct);
        return parent is not null && parent != entry.ParentId
            ? $"“{entry.FullyQualifiedName ?? entry.Name}” is under another QuickBooks customer than the one “{record.CustomerName}” is linked to."
            : null;
    }

    private static string QboKindText(NameKind kind) => kind switch
    {
        NameKind.Customer => "customer",
        NameKind.Location => "sub-customer",
        _ => "vendor",
    };

    private static string Said(string message, int synced) => synced == 0 ? message
        : $"{message} {Counted.Of(synced, "synced document")} used the old link; QuickBooks keeps them as they were pushed and Groundwork does not rewrite them.";

    /// <summary>A refusal passed on unchanged, for an outcome of another type.</summary>
    internal static Outcome<TOut> Relay<TIn, TOut>(Outcome<TIn> failed) => failed.Kind switch
    {
        OutcomeKind.Invalid => Outcome<TOut>.Invalid(failed.Errors),
        OutcomeKind.NotFound => Outcome<TOut>.NotFound(failed.Message!),
        _ => Outcome<TOut>.Conflict(failed.Message ?? SaveChanges.ConflictMessage),
    };

    internal static string Capital(NameKind kind) => kind.ToString();

    internal static NameLinkInfo Info(QboLink l) => new(l.QboId, l.QboName, l.Source, l.State);
}
