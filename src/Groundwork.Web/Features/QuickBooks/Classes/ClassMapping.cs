using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Classes;

/// <summary>One cost type and the QBO class it maps to, as last seen; <see cref="Flag"/> says why it needs attention.</summary>
public sealed record CostTypeClassDto(long CostTypeId, string Name, string? QboClassId, string? QboClassName, string? State, string? Flag);

/// <summary>Whether class mapping is possible now, and QuickBooks' exact steps when it is not.</summary>
public sealed record ClassMappingAvailability(bool Available, bool CheckedNow, string Finding, string? Steps);

public sealed record CostTypeClassPage(IReadOnlyList<CostTypeClassDto> Items, int Page, int PageSize, int Total, ClassMappingAvailability ClassMapping);

/// <summary>The body of <c>PUT /mappings/cost-types/{costTypeId}</c>: a QBO class id, or null to unmap.</summary>
public sealed class CostTypeClassInput
{
    public string? QboClassId { get; set; }
}

public sealed record SyncedDocumentsDto(int Count, IReadOnlyList<SyncedDocumentUse> Documents);

/// <summary>The mapping after a change, the class it replaced, and the synced documents pushed with that class (not rewritten).</summary>
public sealed record CostTypeClassChange(CostTypeClassDto Mapping, CostTypeClassDto? Previous, SyncedDocumentsDto SyncedDocumentsUsingPrevious);

/// <summary>
/// Class Mapping (issue 8): each cost type → a QBO Class, a <see cref="QboLink"/> of kind CostType. Offered only when
/// QBO tracks classes one to each row (<see cref="ClassTrackingState"/>); only active classes may be chosen; a mapped
/// class that became inactive, or is gone from QBO's list, is flagged.
/// </summary>
public sealed class ClassMapping(GroundworkDbContext db, QboLists lists, QboCompanyCalls qbo, ITenantContext tenant) : IUseCase
{
    public const int MaxClassId = 64;

    public async Task<Outcome<CostTypeClassPage>> ListAsync(ListQuery query, bool refresh, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<CostTypeClassPage>.NotFound("QuickBooks is not connected.");
        var snapshot = await lists.GetAsync(QboListType.Class, refresh, ct);
        var tracking = await ClassTrackingState.ReadAsync(qbo, Organization, connection, ct);
        var types = db.CostTypes.AsNoTracking();
        if (query.Term is { } term) types = types.Where(t => t.Name.ToUpper().Contains(term.ToUpper()));
        var total = await types.CountAsync(ct);
        var page = await types.OrderBy(t => t.Name).ThenBy(t => t.Id).Skip(query.Skip).Take(query.SafePageSize).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var ids = page.Select(t => t.Id).ToList();
        var links = await Links(connection.Id).Where(l => ids.Contains(l.LocalId)).ToDictionaryAsync(l => l.LocalId, ct);
        var classIds = links.Values.Select(l => l.QboId).ToList();
        var classes = await lists.Entries(connection.Id, QboListType.Class).Where(e => classIds.Contains(e.QboId)).ToDictionaryAsync(e => e.QboId, ct);
        var items = page.Select(t => Dto(t.Id, t.Name, links.GetValueOrDefault(t.Id), classes, listRead: snapshot.IsOk)).ToList();
        var availability = new ClassMappingAvailability(tracking.Available, tracking.CheckedNow, tracking.Finding, tracking.Steps);
        return Outcome<CostTypeClassPage>.Ok(new(items, query.SafePage, query.SafePageSize, total, availability));
    }

    public async Task<Outcome<CostTypeClassChange>> SetAsync(long costTypeId, CostTypeClassInput input, CancellationToken ct)
    {
        var classId = input.QboClassId?.Trim();
        if (classId is { Length: 0 or > MaxClassId }) return Outcome<CostTypeClassChange>.Invalid(nameof(input.QboClassId), $"A QuickBooks class id has 1 to {MaxClassId} characters; send null to unmap.");
        var costType = await db.CostTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Id == costTypeId, ct);
        if (costType is null) return Outcome<CostTypeClassChange>.NotFound("The cost type was not found.");
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<CostTypeClassChange>.Conflict("QuickBooks is not connected.");
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == LinkedKind.CostType && l.LocalId == costTypeId, ct);
        var before = link is null ? null : new { link.QboId, link.QboName, link.State };

        QboListEntry? chosen = null;
        if (classId is not null)
        {
            var tracking = await ClassTrackingState.ReadAsync(qbo, Organization, connection, ct);
            if (!tracking.CheckedNow) return Outcome<CostTypeClassChange>.Conflict($"Class tracking could not be checked in QuickBooks: {tracking.Finding}");
            if (!tracking.Available) return Outcome<CostTypeClassChange>.Conflict($"{tracking.Finding} {tracking.Steps}");
            var found = await FindClassAsync(connection.Id, classId, ct);
            if (!found.IsOk) return Outcome<CostTypeClassChange>.Conflict(found.Message!);
            chosen = found.Value;
            if (chosen is null) return Outcome<CostTypeClassChange>.Invalid(nameof(input.QboClassId), "QuickBooks has no class with this id.");
            if (!chosen.Active) return Outcome<CostTypeClassChange>.Invalid(nameof(input.QboClassId), $"The class “{chosen.Name}” is inactive in QuickBooks; choose an active class.");
        }

        if (chosen is null && link is not null) db.QboLinks.Remove(link);
        if (chosen is not null)
        {
            if (link is null) db.QboLinks.Add(link = new QboLink { ConnectionId = connection.Id, Kind = LinkedKind.CostType, LocalId = costTypeId });
            link.PointAt("Class", chosen.QboId, chosen.Name);
            link.Source = QboLinkSource.Manual;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Outcome<CostTypeClassChange>.Conflict("The cost type's class mapping was changed by someone else at the same time; reload and try again.");
        }

        var mapping = new CostTypeClassDto(costTypeId, costType.Name, chosen?.QboId, chosen?.Name, chosen is null ? null : "active", null);
        var previous = before is null ? null : new CostTypeClassDto(costTypeId, costType.Name, before.QboId, before.QboName, State(before.State), null);
        var changed = before is not null && before.QboId != chosen?.QboId;
        var (count, documents) = changed ? await MappingUsage.CostTypeAsync(db, costTypeId, ct) : (0, []);
        return Outcome<CostTypeClassChange>.Ok(new(mapping, previous, new SyncedDocumentsDto(count, documents)));
    }

    /// <summary>The class in the cached list; a class not there yet (made in QBO since) is looked for after one refresh.</summary>
    private async Task<Outcome<QboListEntry?>> FindClassAsync(long connectionId, string classId, CancellationToken ct)
    {
        var snapshot = await lists.GetAsync(QboListType.Class, refresh: false, ct);
        if (!snapshot.IsOk) return Outcome<QboListEntry?>.Conflict(snapshot.Message!);
        var entry = await lists.Entries(connectionId, QboListType.Class).FirstOrDefaultAsync(e => e.QboId == classId, ct);
        if (entry is not null) return Outcome<QboListEntry?>.Ok(entry);
        snapshot = await lists.GetAsync(QboListType.Class, refresh: true, ct);
        if (!snapshot.IsOk) return Outcome<QboListEntry?>.Conflict(snapshot.Message!);
        return Outcome<QboListEntry?>.Ok(await lists.Entries(connectionId, QboListType.Class).FirstOrDefaultAsync(e => e.QboId == classId, ct));
    }

    private long Organization => tenant.OrganizationId ?? throw new InvalidOperationException("No organization in scope.");

    private IQueryable<QboLink> Links(long connectionId) =>
        db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.CostType);

    /// <summary>The state as last seen: the cached class list when it was read (gone from it = deleted), else the link's own.</summary>
    internal static CostTypeClassDto Dto(long id, string name, QboLink? link, IReadOnlyDictionary<string, QboListEntry> classes, bool listRead)
    {
        if (link is null) return new(id, name, null, null, null, null);
        var entry = classes.GetValueOrDefault(link.QboId);
        var state = entry is not null ? (entry.Active ? QboLinkState.Active : QboLinkState.Inactive) : listRead ? QboLinkState.Deleted : link.State;
        var flag = state switch
        {
            QboLinkState.Inactive => $"The class “{entry?.Name ?? link.QboName}” is inactive in QuickBooks; choose an active class.",
            QboLinkState.Deleted => $"The class “{link.QboName}” is no longer in QuickBooks; choose another class.",
            _ => null,
        };
        return new(id, name, link.QboId, entry?.Name ?? link.QboName, State(state), flag);
    }

    private static string State(QboLinkState state) => state.ToString().ToLowerInvariant();
}
