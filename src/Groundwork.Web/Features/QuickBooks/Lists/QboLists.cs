using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.QuickBooks.Lists;

/// <summary>A list as Groundwork last read it.</summary>
public sealed record QboListSnapshot(long ConnectionId, QboListType List, DateTime RefreshedAtUtc, int Count);

/// <summary>
/// The company's QBO name lists, read through the gateway page by page (STARTPOSITION/MAXRESULTS, inactive records
/// included) and kept in <see cref="QboListEntry"/> rows: read once, then on demand (<c>?refresh=true</c>, “Refresh from
/// QuickBooks”) and after Groundwork itself changes QBO (<see cref="Remember"/>).
/// </summary>
public sealed class QboLists(GroundworkDbContext db, QboCompanyCalls qbo, ITenantContext tenant, AppClock clock, IOptions<QboLimitOptions> limits)
{
    /// <summary>The most records of one list Groundwork reads (QBO's own lists stay far below), so a paging loop always ends.</summary>
    public const int MaxRecords = 200_000;
    private const int MaxSaveAttempts = 3;

    /// <summary>Rows per page when a query is read in pages (<see cref="QboLimitOptions.ListPageSize"/>, within QBO's 1,000).</summary>
    public int PageSize => Math.Clamp(limits.Value.ListPageSize, 1, QboQuery.MaxPageSize);

    /// <summary>The list as cached, read from QBO first when it never was or <paramref name="refresh"/> asks.</summary>
    public async Task<Outcome<QboListSnapshot>> GetAsync(QboListType list, bool refresh, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<QboListSnapshot>.NotFound("QuickBooks is not connected.");
        var stamp = await db.Set<QboListRefresh>().AsNoTracking().FirstOrDefaultAsync(r => r.ConnectionId == connection.Id && r.List == list, ct);
        if (stamp is not null && !refresh) return Outcome<QboListSnapshot>.Ok(new(connection.Id, list, stamp.RefreshedAtUtc, stamp.Count));
        return await RefreshAsync(connection.Id, list, ct);
    }

    /// <summary>Entries of the current connection's list (inactive ones included), for paging and searching.</summary>
    public IQueryable<QboListEntry> Entries(long connectionId, QboListType list) =>
        db.Set<QboListEntry>().AsNoTracking().Where(e => e.ConnectionId == connectionId && e.List == list);

    /// <summary>One page of a list, searched by name (the same key rule as matching), active ones first.</summary>
    public async Task<PageOf<QboListEntry>> PageAsync(long connectionId, QboListType list, string? search, bool includeInactive, int page, int pageSize, CancellationToken ct)
    {
        var query = Entries(connectionId, list);
        if (!includeInactive) query = query.Where(e => e.Active);
        var key = NameMatch.Key(search);
        if (key.Length > 0) query = query.Where(e => e.NameKey.Contains(key));
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(e => e.Active).ThenBy(e => e.NameKey).ThenBy(e => e.QboId)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PageOf<QboListEntry>(items, page, pageSize, total);
    }

    /// <summary>
    /// Records a QBO record Groundwork just created or changed (the write's response), so the screens show it without a
    /// full refresh. Saved with the caller's next SaveChanges.
    /// </summary>
    public async Task RememberAsync(long connectionId, QboEntity record, CancellationToken ct)
    {
        var fresh = ToEntry(record) ?? throw new ArgumentException($"{record.GetType().Name} is not a cached QBO list.", nameof(record));
        var existing = await db.Set<QboListEntry>().FirstOrDefaultAsync(e => e.ConnectionId == connectionId && e.List == fresh.List && e.QboId == fresh.QboId, ct);
        if (existing is null)
        {
            fresh.ConnectionId = connectionId;
            db.Add(fresh);
        }
        else
        {
            Copy(fresh, existing);
        }
    }

    private async Task<Outcome<QboListSnapshot>> RefreshAsync(long connectionId, QboListType list, CancellationToken ct)
    {
        List<QboListEntry> read;
        try
        {
            read = await ReadAllAsync(list, ct);
        }
        catch (QboNotConnectedException ex)
        {
            return Outcome<QboListSnapshot>.Conflict(ex.Message);
        }
        catch (QboException ex)
        {
            return Outcome<QboListSnapshot>.Conflict(CheckReadiness.Unanswered(ex));
        }

        // Stored to the millisecond so the stamp answered now is the one every database reads back later
        // (PostgreSQL keeps microseconds, not .NET's ticks).
        var now = clock.UtcNow;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SaveAsync(connectionId, list, read, now, ct);
                return Outcome<QboListSnapshot>.Ok(new(connectionId, list, now, read.Count));
            }
            catch (DbUpdateException) when (attempt < MaxSaveAttempts && db.Database.CurrentTransaction is null)
            {
                // Another refresh of the same list saved first (its rows are as fresh as ours), or the two collided
                // (a unique key, a deadlock) before either committed: then ours is applied again on top of theirs.
                db.ChangeTracker.Clear();
                var theirs = await db.Set<QboListRefresh>().AsNoTracking().FirstOrDefaultAsync(r => r.ConnectionId == connectionId && r.List == list, ct);
                if (theirs is not null && theirs.RefreshedAtUtc >= now) return Outcome<QboListSnapshot>.Ok(new(connectionId, list, theirs.RefreshedAtUtc, theirs.Count));
            }
        }
    }

    private async Task SaveAsync(long connectionId, QboListType list, List<QboListEntry> read, DateTime now, CancellationToken ct)
    {
        var existing = await db.Set<QboListEntry>().Where(e => e.ConnectionId == connectionId && e.List == list).ToDictionaryAsync(e => e.QboId, ct);
        foreach (var entry in read.DistinctBy(e => e.QboId))
        {
            if (existing.Remove(entry.QboId, out var row))
            {
                Copy(entry, row);
            }
            else
            {
                var fresh = Clone(entry);
                fresh.ConnectionId = connectionId;
                db.Add(fresh);
            }
        }
        // QBO never deletes a name list record, but a record gone from the answer is gone for Groundwork too.
        db.RemoveRange(existing.Values);
        var stamp = await db.Set<QboListRefresh>().FirstOrDefaultAsync(r => r.ConnectionId == connectionId && r.List == list, ct);
        if (stamp is null) db.Add(stamp = new QboListRefresh { ConnectionId = connectionId, List = list });
        stamp.RefreshedAtUtc = now;
        stamp.Count = read.Count;
        await db.SaveChangesAsync(ct);
    }

    private Task<List<QboListEntry>> ReadAllAsync(QboListType list, CancellationToken ct) => list switch
    {
        QboListType.Item => ReadAllAsync<QboItem>(ct),
        QboListType.Class => ReadAllAsync<QboClass>(ct),
        QboListType.Account => ReadAllAsync<QboAccount>(ct),
        QboListType.Customer => ReadAllAsync<QboCustomer>(ct),
        QboListType.Vendor => ReadAllAsync<QboVendor>(ct),
        QboListType.Employee => ReadAllAsync<QboEmployee>(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, null),
    };

    /// <summary>Every record, inactive ones too, one gateway call per page so each page counts against the company's limits.</summary>
    private async Task<List<QboListEntry>> ReadAllAsync<T>(CancellationToken ct) where T : QboEntity, IQboEntity<T>
    {
        var organizationId = tenant.OrganizationId ?? throw new InvalidOperationException("No organization in scope.");
        var query = QboQuery.From(T.EntityName).IncludeInactive().OrderBy("Id");
        var size = PageSize;
        var entries = new List<QboListEntry>();
        for (var start = 1; start <= MaxRecords; start += size)
        {
            var page = await qbo.CallAsync(organizationId, (c, company, t) => c.QueryAsync<T>(company, query.StartPosition(start).MaxResults(size), t), ct);
            entries.AddRange(page.Items.Select(ToEntry).OfType<QboListEntry>());
            // A short page is the last one: QBO gives no total with SELECT *.
            if (page.Items.Count < size) return entries;
        }
        return entries;
    }

    internal static QboListEntry? ToEntry(QboEntity record)
    {
        (QboListType? list, string? name, string? fqn, string? parent, bool? active, string? subtype, string? classification) = record switch
        {
            QboItem i => (QboListType.Item, i.Name, i.FullyQualifiedName, i.ParentRef?.Value, i.Active, i.Type, null),
            QboClass c => (QboListType.Class, c.Name, c.FullyQualifiedName, c.ParentRef?.Value, c.Active, null, null),
            QboAccount a => (QboListType.Account, a.Name, a.FullyQualifiedName, a.ParentRef?.Value, a.Active, a.AccountType, a.Classification),
            QboCustomer c => (QboListType.Customer, c.DisplayName, c.FullyQualifiedName, c.ParentRef?.Value, c.Active, null, null),
            QboVendor v => (QboListType.Vendor, v.DisplayName, null, null, v.Active, null, null),
            QboEmployee e => (QboListType.Employee, e.DisplayName ?? string.Join(' ', new[] { e.GivenName, e.FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n))), null, null, e.Active, null, null),
            _ => ((QboListType?)null, (string?)null, (string?)null, (string?)null, (bool?)null, (string?)null, (string?)null),
        };
        if (list is null || record.Id is null) return null;
        var shown = name ?? "";
        var isActive = active ?? true;
        return new QboListEntry
        {
            List = list.Value, QboId = record.Id, Name = Clip(shown, QboNameLimits.DisplayName), NameKey = Clip(NameMatch.QboKey(shown, isActive), QboNameLimits.DisplayName),
            FullyQualifiedName = fqn is null ? null : Clip(fqn, QboNameLimits.FullyQualifiedName), ParentId = parent, Active = isActive,
            Subtype = subtype, Classification = classification, SyncToken = record.SyncToken,
        };
    }

    private static void Copy(QboListEntry from, QboListEntry to)
    {
        to.Name = from.Name;
        to.NameKey = from.NameKey;
        to.FullyQualifiedName = from.FullyQualifiedName;
        to.ParentId = from.ParentId;
        to.Active = from.Active;
        to.Subtype = from.Subtype;
        to.Classification = from.Classification;
        to.SyncToken = from.SyncToken;
    }

    private static QboListEntry Clone(QboListEntry entry)
    {
        var clone = new QboListEntry { List = entry.List, QboId = entry.QboId, Name = entry.Name, NameKey = entry.NameKey };
        Copy(entry, clone);
        return clone;
    }

    /// <summary>QBO keeps its own limits; a longer value would be QBO's bug, and must not break the cache.</summary>
    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}
