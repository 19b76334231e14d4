using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// Change data capture from the connection's stored cursor: every linked document QBO changed since, applied as a webhook's
/// would be — so nothing is lost when webhooks are, only later. The cursor is QBO's own time from its answers, held back
/// by <see cref="Overlap"/> so a change committed as the answer was made is seen next time (applying twice changes
/// nothing). Without a cursor, or with one older than CDC's 30 days, every linked document is read by query instead.
/// </summary>
public sealed class CdcCatchUp(GroundworkDbContext db, IQboChangeFeed feed, ApplyQboChange apply, ApplyQboPayment payments, AppClock clock)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    /// <summary>CDC answers changes of the last 30 days (on QBO's clock); a day less leaves room for the clocks to differ.</summary>
    public static readonly TimeSpan CdcReach = TimeSpan.FromDays(29);

    /// <summary>QBO's cap on objects in one CDC answer: a full answer may have left some out.</summary>
    public const int CdcCap = 1000;

    /// <summary>Full CDC answers followed in one catch-up before the rest waits for the next.</summary>
    public const int MaxPages = 20;

    /// <summary>Runs one catch-up; false when QuickBooks is not connected (nothing was done).</summary>
    public async Task<bool> RunAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null || connection.Status != QboConnectionStatus.Connected) return false;
        var since = await db.QboCdcCursors.Where(c => c.ConnectionId == connection.Id).Select(c => c.ChangedSinceUtc).FirstOrDefaultAsync(ct);
        var now = clock.UtcNow;
        DateTime next;
        var reconciled = false;
        try
        {
            var followed = since is { } from && now - from <= CdcReach ? await FollowAsync(connection.Id, from, ct) : null;
            reconciled = followed is null;
            next = followed ?? await ReconcileAsync(connection.Id, ct);
        }
        catch (QboNotConnectedException)
        {
            return false;
        }
        // Saved after the work (which clears the change tracker as it goes): a catch-up cut short starts again from the old cursor.
        db.ChangeTracker.Clear();
        var cursor = await db.QboCdcCursors.FirstOrDefaultAsync(c => c.ConnectionId == connection.Id, ct)
            ?? db.QboCdcCursors.Add(new QboCdcCursor { ConnectionId = connection.Id }).Entity;
        cursor.ChangedSinceUtc = next;
        cursor.LastRunAtUtc = now;
        if (reconciled) cursor.LastReconcileAtUtc = now;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>CDC from <paramref name="since"/>, page after full page; the next cursor, or null when only a reconcile can be sure.</summary>
    private async Task<DateTime?> FollowAsync(long connectionId, DateTime since, CancellationToken ct)
    {
        for (var page = 0; page < MaxPages; page++)
        {
            var changes = await feed.ChangesSinceAsync(new DateTimeOffset(since, TimeSpan.Zero), ct);
            await ApplyAsync(connectionId, changes.Items, ct);
            if (changes.Items.Count < CdcCap)
            {
                return ((changes.ServerTime ?? clock.GetUtcNow()) - Overlap).UtcDateTime;
            }
            // A capped answer: resume from the latest change it held; if that does not move on, CDC cannot page past it.
            var latest = changes.Items.Max(c => c.LastUpdated)?.UtcDateTime;
            if (latest is null || latest <= since) return null;
            since = latest.Value;
        }
        return since;
    }

    /// <summary>Reads every linked, not-deleted document; those QBO no longer has are deleted. Returns QBO's time before the reads.</summary>
    private async Task<DateTime> ReconcileAsync(long connectionId, CancellationToken ct)
    {
        var start = ((await feed.ServerTimeAsync(ct) ?? clock.GetUtcNow()) - Overlap).UtcDateTime;
        var links = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connectionId && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill) && l.State != QboLinkState.Deleted)
            .Select(l => new { l.QboType, l.QboId }).ToListAsync(ct);
        // Payments: those the documents name (QBO lists them in each document's LinkedTxn) and those already linked.
        var paymentIds = await db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.Payment)
            .Select(l => new { l.QboType, l.QboId }).ToListAsync(ct);
        var wanted = paymentIds.Select(p => (p.QboType, p.QboId)).ToHashSet();
        foreach (var type in links.GroupBy(l => l.QboType))
        {
            var ids = type.Select(l => l.QboId).ToList();
            var found = (await feed.ReadManyAsync(type.Key, ids, ct)).Where(t => t.Id is not null).ToDictionary(t => t.Id!, StringComparer.Ordinal);
            wanted.UnionWith(found.Values.SelectMany(PaymentsNamed));
            await ApplyAsync(connectionId, [.. ids.Select(id => new QboChange(type.Key, id, found.GetValueOrDefault(id)))], ct);
        }
        foreach (var type in wanted.GroupBy(p => p.Item1))
        {
            var ids = type.Select(p => p.Item2).Distinct(StringComparer.Ordinal).ToList();
            var found = (await feed.ReadManyAsync(type.Key, ids, ct)).Where(t => t.Id is not null).ToDictionary(t => t.Id!, StringComparer.Ordinal);
            await ApplyAsync(connectionId, [.. ids.Select(id => new QboChange(type.Key, id, found.GetValueOrDefault(id)))], ct);
        }
        return start;
    }

    /// <summary>The payments a document's LinkedTxn names (QBO adds them as payments are applied).</summary>
    private static IEnumerable<(string, string)> PaymentsNamed(Groundwork.QuickBooks.Wire.QboTransaction document) =>
        (document.LinkedTxn ?? []).Where(t => t.TxnId is not null).Select(t => t.TxnType switch
        {
            "Payment" => (QboEntities.Payment, t.TxnId!),
            "BillPaymentCheck" or "BillPaymentCreditCard" or "BillPayment" => (QboEntities.BillPayment, t.TxnId!),
            _ => ("", ""),
        }).Where(p => p.Item1.Length > 0);

    /// <summary>
    /// Documents as they are now, then the payments as Groundwork's payment records, then the credit memos the changed
    /// payments apply that were not among them (QBO moves a credit memo's remaining credit when a payment changes).
    /// </summary>
    private async Task ApplyAsync(long connectionId, IReadOnlyList<QboChange> changes, CancellationToken ct)
    {
        var documents = changes.Where(c => QboEntities.IsDocument(c.Entity)).ToList();
        var asLastSeen = await apply.AsLastSeenAsync(connectionId, documents, ct);
        foreach (var change in documents)
        {
            if (asLastSeen.Contains(ApplyQboChange.Identity(change.Entity, change.Id))) continue;
            await apply.HandleAsync(connectionId, change, ct);
            db.ChangeTracker.Clear();
        }
        foreach (var change in changes.Where(c => QboEntities.IsPayment(c.Entity)))
        {
            await payments.HandleAsync(connectionId, change, ct);
            db.ChangeTracker.Clear();
        }
        // Credit memos the payments apply follow QBO's remaining credit: read those not already among the changes.
        var seen = documents.Select(c => ApplyQboChange.Identity(c.Entity, c.Id)).ToHashSet(StringComparer.Ordinal);
        var applied = changes.Where(c => QboEntities.IsPayment(c.Entity) && c.Current is not null)
            .SelectMany(c => QboDocumentFacts.AppliedTo(c.Current!)).Where(a => a.Entity == QboEntities.CreditMemo).Select(a => ApplyQboChange.Identity(a.Entity, a.Id))
            .Where(seen.Add).ToList();
        foreach (var identity in await apply.LinkedAsync(connectionId, applied, ct))
        {
            var (entity, id) = (identity[..identity.IndexOf(':', StringComparison.Ordinal)], identity[(identity.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            await apply.HandleAsync(connectionId, await feed.ReadAsync(entity, id, ct), ct);
            db.ChangeTracker.Clear();
        }
    }
}
