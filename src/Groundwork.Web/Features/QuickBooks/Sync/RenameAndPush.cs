using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Names;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>What the fix did: the new name, and the push it started.</summary>
public sealed record RenamedAndPushed(RenamedName Renamed, PushRunDto Run);

/// <summary>
/// The one-click name fix of Unsynced Records: applies the rename the push's plan suggests for the name that holds the
/// document back (found by <see cref="SyncFixes"/>, so the click does exactly what the page offered), through
/// <see cref="RenameForQuickBooks"/> (the names screen's rename, whose rules stay the only ones); then starts a push
/// (<see cref="StartPush"/>) of the document and of every other held-back document with that name — one rename fixes them all.
/// </summary>
public sealed class RenameAndPush(GroundworkDbContext db, SyncFixes fixes, RenameForQuickBooks rename, StartPush push, UnsyncedRecords unsynced) : IUseCase
{
    public async Task<Outcome<RenamedAndPushed>> HandleAsync(long documentId, CancellationToken ct)
    {
        var code = await db.DocumentSyncs.AsNoTracking().Where(s => s.DocumentId == documentId && s.State == SyncState.NeedsAttention)
            .Select(s => s.Problem).FirstOrDefaultAsync(ct);
        // Held back by a push, or (not pushed yet) by a name Unsynced Records found up front.
        var fix = code is not null ? (await fixes.ForAsync(new Dictionary<long, string?> { [documentId] = code }, ct)).GetValueOrDefault(documentId)
            : await db.Documents.AnyAsync(d => d.Id == documentId && !db.DocumentSyncs.Any(s => s.DocumentId == d.Id && s.State != SyncState.NotSynced && s.State != SyncState.Queued), ct)
            ? (await fixes.NamesAsync([documentId], ct)).GetValueOrDefault(documentId) : null;
        if (fix is null || !SyncFixes.OffersRename(fix))
            return Outcome<RenamedAndPushed>.Conflict("This document is not held back by a name Groundwork can rename: push it again, or fix it on the names page.");
        var kind = SyncFixes.RenameKind(fix)!.Value;
        var renamed = await rename.HandleAsync(kind, fix.NameId!.Value, new RenameInput { Name = fix.SuggestedName }, ct);
        if (!renamed.IsOk) return LinkName.Relay<RenamedName, RenamedAndPushed>(renamed);
        var held = await HeldBackAsync(kind, fix.NameId.Value, ct);
        var ids = held.Append(documentId).Distinct().Take(StartPush.MaxDocuments).ToList();
        var run = await push.HandleAsync(new PushRequest { DocumentIds = ids }, ct);
        return run.IsOk
            ? Outcome<RenamedAndPushed>.Ok(new RenamedAndPushed(renamed.Value!, run.Value!))
            : LinkName.Relay<PushRunDto, RenamedAndPushed>(run);
    }

    /// <summary>
    /// The documents Unsynced Records lists (its one rule: not in QuickBooks, or not correctly) whose customer, location or
    /// vendor is this record: what Push All would take, so the fix and the list never disagree.
    /// </summary>
    private async Task<List<long>> HeldBackAsync(NameKind kind, long id, CancellationToken ct)
    {
        var connection = await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (connection is null) return [];
        var held = unsynced.Query(connection.Value);
        held = kind switch
        {
            NameKind.Customer => held.Where(d => d.Job!.Location!.CustomerId == id),
            NameKind.Location => held.Where(d => d.Job!.LocationId == id),
            _ => held.Where(d => d.VendorId == id),
        };
        return await held.OrderBy(d => d.Id).Select(d => d.Id).Take(StartPush.MaxDocuments).ToListAsync(ct);
    }
}
