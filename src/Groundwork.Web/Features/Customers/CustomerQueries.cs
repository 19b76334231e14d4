using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Customers;

public sealed record CustomerDto(long Id, string Name, string? ContactName, string? Email, string? Phone, PostalAddress BillingAddress,
    bool IsActive, long Version, IReadOnlyList<LocationDto> Locations)
{
    public static CustomerDto From(Customer c) => new(c.Id, c.Name, c.ContactName, c.Email, c.Phone, c.BillingAddress, c.IsActive, c.Version,
        c.Locations.OrderBy(l => l.Name).Select(LocationDto.From).ToList());
}

public sealed record LocationDto(long Id, long CustomerId, string Name, PostalAddress Address, decimal? TaxRatePercent, long Version)
{
    public static LocationDto From(Locations.Location l) => new(l.Id, l.CustomerId, l.Name, l.Address, l.TaxRateBasisPoints / 100m, l.Version);
}

internal static class CustomerQueries
{
    public static async Task<PageOf<Customer>> ListAsync(GroundworkDbContext db, ListQuery query, CancellationToken ct)
    {
        var rows = db.Customers.AsNoTracking();
        if (query.Term is { } term)
        {
            var t = term.ToLower();
            rows = rows.Where(c => c.Name.ToLower().Contains(t) || (c.Email ?? "").ToLower().Contains(t) || (c.ContactName ?? "").ToLower().Contains(t));
        }
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(c => c.Name).Skip(query.Skip).Take(query.SafePageSize).Include(c => c.Locations).ToListAsync(ct);
        return new PageOf<Customer>(items, query.SafePage, query.SafePageSize, total);
    }

    public static Task<Customer?> FindAsync(GroundworkDbContext db, long id, CancellationToken ct) =>
        db.Customers.AsNoTracking().Include(c => c.Locations).FirstOrDefaultAsync(c => c.Id == id, ct);
}
