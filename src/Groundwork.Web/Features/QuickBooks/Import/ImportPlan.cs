using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Lists;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Import;

/// <summary>What can be imported: QBO customers (with their sub-customers) or vendors.</summary>
public enum ImportKind
{
    Customer = 0,
    Vendor = 1,
}

/// <summary>What a QBO record becomes in Groundwork.</summary>
public enum ImportTarget
{
    Customer = 0,
    Location = 1,
    Job = 2,
    Vendor = 3,
}

/// <summary>The decision for one QBO record: what it becomes and whether it can be imported, and why not.</summary>
public sealed record ImportDecision(ImportTarget Becomes, bool Importable, string? Reason, long? SameNameId, string? ParentName, long? ParentCustomerId);

/// <summary>
/// The one rule for what a QBO record becomes and when it is not imported; the list (GET) and the import (POST) both ask
/// it, so what the page offers is what the import does. Top-level QBO customers become customers; a sub-customer becomes a
/// location of its parent's Groundwork customer (the default layout) — the parent must be linked already or imported in the
/// same run —; with the job layout a sub-customer stands for a job, which needs a location and a job number QuickBooks does
/// not have, so it is linked on the Names screen instead of imported. A record with the same name (<see cref="NameMatch.Key"/>)
/// as a Groundwork record is not imported: linking it avoids the duplicate. Inactive records are skipped unless asked for
/// (then customers and vendors come in inactive; locations have no inactive state and are always skipped).
/// </summary>
public sealed class ImportPlan
{
    private readonly GroundworkDbContext db;
    private readonly Dictionary<string, (long Id, string Name)> names;
    private readonly Dictionary<string, (LinkedKind Kind, long LocalId)> linkedCustomers;
    private readonly Dictionary<long, Dictionary<string, long>> locations = [];

    private ImportPlan(GroundworkDbContext db, ImportKind kind, QboCustomerLayout layout, Dictionary<string, (long, string)> names,
        Dictionary<string, (LinkedKind, long)> linkedCustomers)
    {
        this.db = db;
        Kind = kind;
        Layout = layout;
        this.names = names;
        this.linkedCustomers = linkedCustomers;
    }

    public ImportKind Kind { get; }
    public QboCustomerLayout Layout { get; }

    public static string QboType(ImportKind kind) => kind == ImportKind.Vendor ? "Vendor" : "Customer";
    public static QboListType List(ImportKind kind) => kind == ImportKind.Vendor ? QboListType.Vendor : QboListType.Customer;

    /// <summary>"customer" or "vendor", any case; nothing else.</summary>
    public static bool TryParseKind(string? value, out ImportKind kind)
    {
        kind = ImportKind.Customer;
        if (string.Equals(value, "customer", StringComparison.OrdinalIgnoreCase)) return true;
        kind = ImportKind.Vendor;
        return string.Equals(value, "vendor", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Groundwork names of the kind and the connection's customer links, read once per list page or import run.</summary>
    public static async Task<ImportPlan> LoadAsync(GroundworkDbContext db, QboConnection connection, ImportKind kind, CancellationToken ct)
    {
        var rows = kind == ImportKind.Vendor
            ? await db.Vendors.AsNoTracking().Select(v => new { v.Id, v.Name }).ToListAsync(ct)
            : await db.Customers.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var names = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var row in rows) names.TryAdd(NameMatch.Key(row.Name), (row.Id, row.Name));
        var linked = new Dictionary<string, (LinkedKind, long)>(StringComparer.Ordinal);
        if (kind == ImportKind.Customer)
        {
            var links = await db.QboLinks.AsNoTracking().Where(l => l.ConnectionId == connection.Id && l.QboType == "Customer")
                .Select(l => new { l.QboId, l.Kind, l.LocalId }).ToListAsync(ct);
            foreach (var l in links) linked[l.QboId] = (l.Kind, l.LocalId);
        }
        return new ImportPlan(db, kind, connection.CustomerLayout, names, linked);
    }

    /// <param name="name">The record's name without QBO's " (deleted)" ending.</param>
    /// <param name="parent">The parent's list entry, for a sub-customer.</param>
    public async Task<ImportDecision> DecideAsync(string name, bool active, string? parentId, QboListEntry? parent, bool includeInactive, CancellationToken ct)
    {
        if (Kind == ImportKind.Vendor) return TopLevel(ImportTarget.Vendor, name, active, includeInactive, "vendor");
        if (parentId is null) return TopLevel(ImportTarget.Customer, name, active, includeInactive, "customer");

        var parentName = parent is null ? null : NameMatch.WithoutDeletedSuffix(parent.Name);
        if (Layout == QboCustomerLayout.JobAsSubCustomer)
        {
            return new(ImportTarget.Job, false,
                "With the “jobs as sub-customers” layout this sub-customer is a Groundwork job, which needs a location and a job number QuickBooks does not have: create the job in Groundwork and link it instead.",
                null, parentName, null);
        }
        if (parent?.ParentId is not null)
        {
            return new(ImportTarget.Location, false, "This sub-customer is nested under another sub-customer; Groundwork has only customer → location.", null, parentName, null);
        }
        if (!active)
        {
            return new(ImportTarget.Location, false, "Inactive in QuickBooks; a location has no inactive state, so it is not imported.", null, parentName, null);
        }
        if (!linkedCustomers.TryGetValue(parentId, out var parentLink))
        {
            return new(ImportTarget.Location, true, $"Its customer “{parentName ?? parentId}” is not in Groundwork yet: import it first or in the same run.", null, parentName, null);
        }
        if (parentLink.Kind != LinkedKind.Customer)
        {
            return new(ImportTarget.Location, false, $"Its parent “{parentName ?? parentId}” is linked to a Groundwork {parentLink.Kind.ToString().ToLowerInvariant()}, not a customer.", null, parentName, null);
        }
        var siblings = await LocationsOfAsync(parentLink.LocalId, ct);
        if (siblings.TryGetValue(NameMatch.Key(name), out var same))
        {
            return new(ImportTarget.Location, false, $"The customer already has a location named “{name}”: link it instead of importing a duplicate.", same, parentName, parentLink.LocalId);
        }
        return new(ImportTarget.Location, true, null, null, parentName, parentLink.LocalId);
    }

    /// <summary>Remembers a record this run created, so later records of the run see it (a parent, a same name).</summary>
    public void Created(ImportTarget target, string qboId, string name, long localId, long? parentCustomerId)
    {
        switch (target)
        {
            case ImportTarget.Customer:
                linkedCustomers[qboId] = (LinkedKind.Customer, localId);
                names.TryAdd(NameMatch.Key(name), (localId, name));
                break;
            case ImportTarget.Location:
                linkedCustomers[qboId] = (LinkedKind.Location, localId);
                if (parentCustomerId is { } customer && locations.TryGetValue(customer, out var known)) known.TryAdd(NameMatch.Key(name), localId);
                break;
            default:
                names.TryAdd(NameMatch.Key(name), (localId, name));
                break;
        }
    }

    private ImportDecision TopLevel(ImportTarget target, string name, bool active, bool includeInactive, string noun)
    {
        if (!active && !includeInactive)
        {
            return new(target, false, "Inactive in QuickBooks: skipped unless inactive records are included.", null, null, null);
        }
        if (names.TryGetValue(NameMatch.Key(name), out var same))
        {
            return new(target, false, $"A Groundwork {noun} named “{same.Name}” already exists: link it instead of importing a duplicate.", same.Id, null, null);
        }
        return new(target, true, null, null, null, null);
    }

    private async Task<Dictionary<string, long>> LocationsOfAsync(long customerId, CancellationToken ct)
    {
        if (locations.TryGetValue(customerId, out var known)) return known;
        var rows = await db.Locations.AsNoTracking().Where(l => l.CustomerId == customerId).Select(l => new { l.Id, l.Name }).ToListAsync(ct);
        known = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows) known.TryAdd(NameMatch.Key(row.Name), row.Id);
        locations[customerId] = known;
        return known;
    }
}
