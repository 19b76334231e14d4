using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Features.Locations;
using Groundwork.Web.Features.QuickBooks.Lists;
using Groundwork.Web.Features.Vendors;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>The new name; <c>version</c> (optional) refuses the rename if the record changed since it was read.</summary>
public sealed class RenameInput
{
    public string? Name { get; set; }
    public long? Version { get; set; }
}

public sealed record RenamedName(long Id, string Kind, string Name, long Version);

/// <summary>
/// The rename action of the match-and-link screen: changes only the name, through the record's own save use case
/// (<see cref="SaveCustomer"/>, <see cref="SaveLocation"/>, <see cref="SaveVendor"/>), so their validation stays the only
/// one. The screen adds QBO's rule on top: the new name has no colon.
/// </summary>
public sealed class RenameForQuickBooks(GroundworkDbContext db, SaveCustomer customers, SaveLocation locations, SaveVendor vendors) : IUseCase
{
    public async Task<Outcome<RenamedName>> HandleAsync(NameKind kind, long id, RenameInput input, CancellationToken ct)
    {
        if (input.Name?.Contains(QboNameLimits.Forbidden, StringComparison.Ordinal) == true)
        {
            return Outcome<RenamedName>.Invalid("Name", "QuickBooks does not allow a colon (:) in customer, vendor or location names.");
        }
        var name = input.Name ?? "";
        switch (kind)
        {
            case NameKind.Customer:
                var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
                if (customer is null) return Outcome<RenamedName>.NotFound($"Customer {id} was not found.");
                var c = CustomerInput.From(customer);
                (c.Name, c.Version) = (name, input.Version ?? c.Version);
                return Map(await customers.HandleAsync(id, c, ct), x => new RenamedName(x.Id, kind.Slug(), x.Name, x.Version));
            case NameKind.Location:
                var location = await db.Locations.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
                if (location is null) return Outcome<RenamedName>.NotFound($"Location {id} was not found.");
                var l = LocationInput.From(location);
                (l.Name, l.Version) = (name, input.Version ?? l.Version);
                return Map(await locations.HandleAsync(id, l, ct), x => new RenamedName(x.Id, kind.Slug(), x.Name, x.Version));
            default:
                var vendor = await db.Vendors.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct);
                if (vendor is null) return Outcome<RenamedName>.NotFound($"Vendor {id} was not found.");
                var v = VendorInput.From(vendor);
                (v.Name, v.Version) = (name, input.Version ?? v.Version);
                return Map(await vendors.HandleAsync(id, v, ct), x => new RenamedName(x.Id, kind.Slug(), x.Name, x.Version));
        }
    }

    private static Outcome<RenamedName> Map<T>(Outcome<T> saved, Func<T, RenamedName> map) =>
        saved.IsOk ? Outcome<RenamedName>.Ok(map(saved.Value!)) : LinkName.Relay<T, RenamedName>(saved);
}
