using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// Makes sure a customer, sub-customer or vendor a document needs exists in QBO and is linked: the link when there is
/// one; else the QBO record of that DisplayName (looked up live, so a record added in QuickBooks since the list was cached
/// is linked, not duplicated); else it is created with <c>gw-{kind}-{id}-{generation}-create</c> and linked.
/// </summary>
internal sealed class NamePusher(GroundworkDbContext db, QboWrites qbo, QboLists lists, SyncJournal journal)
{
    public async Task<string> EnsureAsync(QboConnection connection, PlannedName name, IReadOnlyDictionary<(LinkedKind, long), string> ids, string trigger,
        CancellationToken ct)
    {
        var existing = await db.QboLinks.AsNoTracking()
            .FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == name.Kind && l.LocalId == name.LocalId, ct);
        if (existing is not null) return existing.QboId;
        var parentId = name.ParentKind is { } pk && name.ParentLocalId is { } pid ? ids[(pk, pid)] : null;
        var type = name.Kind == LinkedKind.Vendor ? "Vendor" : "Customer";
        QboNameEntity record;
        var source = QboLinkSource.Autofill;
        if (name.Action == "link")
        {
            record = name.Kind == LinkedKind.Vendor ? new QboVendor { Id = name.QboId, DisplayName = name.DisplayName } : new QboCustomer { Id = name.QboId, DisplayName = name.DisplayName };
        }
        else if (await FindAsync(name, parentId, ct) is { } found)
        {
            record = found;
            journal.Add(name.Kind, name.LocalId, name.DisplayName, trigger, "lookup", type, null, SyncResult.Found, found.Id, found.SyncToken,
                message: "A QuickBooks record with this name exists: linked instead of creating another.");
        }
        else
        {
            var requestId = $"gw-{name.Kind.ToString().ToLowerInvariant()}-{name.LocalId}-0-create";
            QboResult<QboNameEntity> created = name.Kind == LinkedKind.Vendor
                ? Up(await qbo.CreateAsync(new QboVendor { DisplayName = name.DisplayName }, requestId, ct))
                : Up(await qbo.CreateAsync(new QboCustomer
                {
                    DisplayName = name.DisplayName, Job = parentId is null ? null : true, ParentRef = parentId is null ? null : new QboRef(parentId),
                    BillWithParent = parentId is null ? null : false,
                }, requestId, ct));
            record = created.Value;
            source = QboLinkSource.Created;
            journal.Add(name.Kind, name.LocalId, name.DisplayName, trigger, "create", type, requestId, SyncResult.Succeeded, record.Id, record.SyncToken, created.IntuitTid);
        }
        var link = new QboLink { ConnectionId = connection.Id, Kind = name.Kind, LocalId = name.LocalId, Source = source, SyncToken = record.SyncToken };
        link.PointAt(type, record.Id!, record.DisplayName ?? name.DisplayName);
        db.QboLinks.Add(link);
        if (record.SyncToken is not null) await lists.RememberAsync(connection.Id, record, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.Entry(link).State = EntityState.Detached;
            throw new PushRefusedException(new PushProblem(Names.NameProblems.NameTaken,
                $"The QuickBooks {type.ToLowerInvariant()} “{record.DisplayName ?? name.DisplayName}” is already linked to another Groundwork record.",
                "Rename this record or link it to another QuickBooks record.", $"{PushChecks.NamesPage}?kind={(name.Kind == LinkedKind.Vendor ? "vendor" : name.Kind == LinkedKind.Customer ? "customer" : "location")}",
                "Rename", name.Kind, name.LocalId, Names.NameProblems.WithSuffix(name.DisplayName, " 2")));
        }
        return record.Id!;
    }

    private static QboResult<QboNameEntity> Up<T>(QboResult<T> r) where T : QboNameEntity => new(r.Value, r.IntuitTid, r.ServerTime);

    private async Task<QboNameEntity?> FindAsync(PlannedName name, string? parentId, CancellationToken ct)
    {
        if (name.Kind == LinkedKind.Vendor)
        {
            var vendors = await qbo.QueryAsync<QboVendor>(QboQuery.From("Vendor").WhereEquals("DisplayName", name.DisplayName), ct);
            return vendors.FirstOrDefault(v => v.Active != false);
        }
        var customers = await qbo.QueryAsync<QboCustomer>(QboQuery.From("Customer").WhereEquals("DisplayName", name.DisplayName), ct);
        return customers.FirstOrDefault(c => c.Active != false && c.ParentRef?.Value == parentId);
    }
}

/// <summary>A push stopped by a problem found during the push (not by the plan): shown like a pre-flight problem.</summary>
public sealed class PushRefusedException(PushProblem problem) : Exception(problem.Message)
{
    public PushProblem Problem { get; } = problem;
}
