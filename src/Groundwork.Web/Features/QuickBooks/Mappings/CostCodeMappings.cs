using Groundwork.Web.Data;
using Groundwork.Web.Features.CostCodes;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Mappings;

/// <summary>
/// Cost code → QBO Product/Service mappings and the default item: read a page, map or unmap one cost code, choose the
/// default. Items come from the cached QBO list (read once, then on refresh); only active items can be chosen.
/// </summary>
public sealed class CostCodeMappings(GroundworkDbContext db, QboLists lists) : IUseCase
{
    public const string ItemType = "Item";
    public const int MaxItemIdLength = 64;
    public const string ConflictMessage = "Another change to these mappings was saved at the same time. Reload and try again.";

    /// <summary>The connection, with its items read from QBO once (later reads use the cache until refreshed).</summary>
    public async Task<Outcome<long>> ConnectionAsync(CancellationToken ct)
    {
        var snapshot = await lists.GetAsync(QboListType.Item, refresh: false, ct);
        return snapshot.IsOk ? Outcome<long>.Ok(snapshot.Value!.ConnectionId) : snapshot.As<QboListSnapshot, long>();
    }

    public async Task<Outcome<CostCodeMappingPageDto>> ListAsync(ListQuery query, CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        if (!connection.IsOk) return connection.As<long, CostCodeMappingPageDto>();
        var connectionId = connection.Value;
        var codes = db.CostCodes.AsNoTracking();
        if (query.Term is { } term)
        {
            var t = term.ToLower();
            codes = codes.Where(c => c.Number.ToLower().Contains(t) || c.Name.ToLower().Contains(t) || (c.Number + " " + c.Name).ToLower().Contains(t));
        }
        var total = await codes.CountAsync(ct);
        var page = await codes.OrderBy(c => c.Number).ThenBy(c => c.Id).Skip(query.Skip).Take(query.SafePageSize).ToListAsync(ct);
        var rows = await RowsAsync(connectionId, page, ct);
        var defaultItem = await DefaultAsync(connectionId, ct);
        return Outcome<CostCodeMappingPageDto>.Ok(new(rows, query.SafePage, query.SafePageSize, total, defaultItem));
    }

    /// <summary>The given cost codes with their mappings (or the default item), in the order given.</summary>
    public async Task<List<CostCodeMappingDto>> RowsAsync(long connectionId, IReadOnlyList<CostCode> codes, CancellationToken ct)
    {
        var ids = codes.Select(c => c.Id).ToList();
        var links = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.CostCode && ids.Contains(l.LocalId)).ToDictionaryAsync(l => l.LocalId, ct);
        var fallback = await DefaultItem.FindAsync(db, connectionId, ct);
        var itemIds = links.Values.Select(l => l.QboId).Append(fallback?.QboId).OfType<string>().Distinct().ToList();
        var entries = await ItemsAsync(connectionId, itemIds, ct);
        return [.. codes.Select(c => Row(c, links.GetValueOrDefault(c.Id), fallback, entries))];
    }

    public async Task<Outcome<DefaultItemDto>> GetDefaultAsync(CancellationToken ct)
    {
        var connection = await ConnectionAsync(ct);
        return connection.IsOk ? Outcome<DefaultItemDto>.Ok(await DefaultAsync(connection.Value, ct)) : connection.As<long, DefaultItemDto>();
    }

    /// <summary>Maps a cost code to an active item, or unmaps it (null): the old mapping's synced documents are listed, not rewritten.</summary>
    public async Task<Outcome<MappingChangeDto>> MapAsync(long costCodeId, string? qboItemId, CancellationToken ct)
    {
        if (qboItemId is not null && CheckItemId(qboItemId) is { } invalid) return Outcome<MappingChangeDto>.Invalid("QboItemId", invalid);
        var connection = await ConnectionAsync(ct);
        if (!connection.IsOk) return connection.As<long, MappingChangeDto>();
        var connectionId = connection.Value;
        var code = await db.CostCodes.AsNoTracking().FirstOrDefaultAsync(c => c.Id == costCodeId, ct);
        if (code is null) return Outcome<MappingChangeDto>.NotFound($"Cost code {costCodeId} was not found.");
        QboListEntry? item = null;
        if (qboItemId is not null)
        {
            var found = await ActiveItemAsync(connectionId, qboItemId, ct);
            if (!found.IsOk) return found.As<QboListEntry, MappingChangeDto>();
            item = found.Value;
        }

        var previous = (await RowsAsync(connectionId, [code], ct))[0];
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.CostCode && l.LocalId == costCodeId, ct);
        if (item is null)
        {
            if (link is not null) db.Remove(link);
        }
        else
        {
            if (link is null) db.Add(link = new QboLink { ConnectionId = connectionId, Kind = LinkedKind.CostCode, LocalId = costCodeId });
            link.PointAt(ItemType, item.QboId, item.Name);
            link.Source = QboLinkSource.Manual;
            link.BatchId = null;
        }
        if (!await TrySaveAsync(ct)) return Outcome<MappingChangeDto>.Conflict(ConflictMessage);

        var mapping = (await RowsAsync(connectionId, [code], ct))[0];
        var (count, documents) = previous.QboItemId == mapping.QboItemId ? (0, new List<SyncedDocumentUse>()) : await MappingUsage.CostCodeAsync(db, costCodeId, ct);
        return Outcome<MappingChangeDto>.Ok(new(mapping, previous, new SyncedUsageDto(count, documents)));
    }

    /// <summary>Chooses the default item: required (there is no unsetting it), and active.</summary>
    public async Task<Outcome<DefaultItemDto>> SetDefaultAsync(string? qboItemId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(qboItemId)) return Outcome<DefaultItemDto>.Invalid("QboItemId", "Choose the default Product/Service: pushing needs one.");
        if (CheckItemId(qboItemId) is { } invalid) return Outcome<DefaultItemDto>.Invalid("QboItemId", invalid);
        var connection = await ConnectionAsync(ct);
        if (!connection.IsOk) return connection.As<long, DefaultItemDto>();
        var connectionId = connection.Value;
        var found = await ActiveItemAsync(connectionId, qboItemId, ct);
        if (!found.IsOk) return found.As<QboListEntry, DefaultItemDto>();
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.DefaultItem && l.LocalId == 0, ct);
        if (link is null) db.Add(link = new QboLink { ConnectionId = connectionId, Kind = LinkedKind.DefaultItem, LocalId = 0 });
        link.PointAt(ItemType, found.Value!.QboId, found.Value.Name);
        link.Source = QboLinkSource.Manual;
        if (!await TrySaveAsync(ct)) return Outcome<DefaultItemDto>.Conflict(ConflictMessage);
        return Outcome<DefaultItemDto>.Ok(await DefaultAsync(connectionId, ct));
    }

    /// <summary>
    /// What a person typed in a mapping field (an item's name, as the page's list offers, or its QBO id) as a QBO id:
    /// the active item of that name; an inactive one when only that exists (so the refusal names the reason).
    /// </summary>
    public async Task<Outcome<string>> ItemIdFromTextAsync(long connectionId, string text, CancellationToken ct)
    {
        if (CheckItemName(text) is { } invalid) return Outcome<string>.Invalid("QboItemId", invalid);
        var key = NameMatch.Key(text);
        var named = await lists.Entries(connectionId, QboListType.Item).Where(e => e.NameKey == key).OrderByDescending(e => e.Active).Take(3).ToListAsync(ct);
        var active = named.Where(e => e.Active).ToList();
        if (active.Count > 1) return Outcome<string>.Invalid("QboItemId", $"Several Products/Services are named “{text.Trim()}”; choose one in QuickBooks' list by its id.");
        return Outcome<string>.Ok(active.FirstOrDefault()?.QboId ?? named.FirstOrDefault()?.QboId ?? text.Trim());
    }

    internal async Task<Dictionary<string, QboListEntry>> ItemsAsync(long connectionId, List<string> qboIds, CancellationToken ct) =>
        qboIds.Count == 0 ? [] : await lists.Entries(connectionId, QboListType.Item).Where(e => qboIds.Contains(e.QboId)).ToDictionaryAsync(e => e.QboId, ct);

    internal async Task<bool> TrySaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The link table's unique index refused a second link for the same cost code: another request won.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<DefaultItemDto> DefaultAsync(long connectionId, CancellationToken ct)
    {
        var link = await DefaultItem.FindAsync(db, connectionId, ct);
        if (link is null) return new DefaultItemDto(false, null, null, null);
        var entry = (await ItemsAsync(connectionId, [link.QboId], ct)).GetValueOrDefault(link.QboId);
        return new DefaultItemDto(true, link.QboId, entry?.Name ?? link.QboName, MappingText.State(entry));
    }

    private async Task<Outcome<QboListEntry>> ActiveItemAsync(long connectionId, string qboItemId, CancellationToken ct)
    {
        var item = await lists.Entries(connectionId, QboListType.Item).FirstOrDefaultAsync(e => e.QboId == qboItemId, ct);
        if (item is null)
        {
            return Outcome<QboListEntry>.Invalid("QboItemId",
                $"QuickBooks has no Product/Service with id “{qboItemId}” (as last read; refresh the items if it was just added).");
        }
        return item.Active ? Outcome<QboListEntry>.Ok(item) : Outcome<QboListEntry>.Invalid("QboItemId",
            $"“{item.Name}” is inactive in QuickBooks: inactive items are never offered for a new mapping. Make it active in QuickBooks and refresh, or choose another.");
    }

    private static CostCodeMappingDto Row(CostCode c, QboLink? link, QboLink? fallback, Dictionary<string, QboListEntry> entries)
    {
        if (link is not null)
        {
            var entry = entries.GetValueOrDefault(link.QboId);
            return new(c.Id, c.Number, c.Name, link.QboId, entry?.Name ?? link.QboName, MappingText.Source(link.Source), MappingText.State(entry));
        }
        if (fallback is not null)
        {
            var entry = entries.GetValueOrDefault(fallback.QboId);
            return new(c.Id, c.Number, c.Name, fallback.QboId, entry?.Name ?? fallback.QboName, "default", MappingText.State(entry));
        }
        return new(c.Id, c.Number, c.Name, null, null, null, null);
    }

    private static string? CheckItemId(string qboItemId) =>
        string.IsNullOrWhiteSpace(qboItemId) ? "Give the QuickBooks item's id, or null to unmap."
        : qboItemId.Length > MaxItemIdLength ? $"A QuickBooks item id has at most {MaxItemIdLength} characters."
        : !NameRules.IsStorable(qboItemId) ? "The item id contains a character that cannot be stored."
        : null;

    private static string? CheckItemName(string text) =>
        string.IsNullOrWhiteSpace(text) ? "Choose a Product/Service."
        : text.Length > QboNameLimits.ListName * 2 ? $"A Product/Service name has at most {QboNameLimits.ListName} characters."
        : !NameRules.IsStorable(text) ? "The name contains a character that cannot be stored."
        : null;
}

internal static class OutcomeConversions
{
    /// <summary>A refused outcome as the refusal of another type.</summary>
    public static Outcome<TOut> As<TIn, TOut>(this Outcome<TIn> outcome) => outcome.Kind switch
    {
        OutcomeKind.Invalid => Outcome<TOut>.Invalid(outcome.Errors),
        OutcomeKind.NotFound => Outcome<TOut>.NotFound(outcome.Message ?? "Not found."),
        OutcomeKind.Conflict => Outcome<TOut>.Conflict(outcome.Message ?? "Conflict."),
        _ => throw new InvalidOperationException("Only a refused outcome converts."),
    };
}
