using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Locations;

public sealed class LocationInput
{
    [Range(1, long.MaxValue, ErrorMessage = "Choose a customer.")]
    public long CustomerId { get; set; }
    [Display(Name = "Name"), NameText]
    [Required(ErrorMessage = "Name is required."), StringLength(Limits.Name, ErrorMessage = "Name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    /// <summary>A JSON null means no address.</summary>
    public AddressInput Address { get; set => field = value ?? new(); } = new();
    /// <summary>Percent, e.g. 8.25; empty for none.</summary>
    [Display(Name = "Tax rate")]
    [Range(typeof(decimal), "0", "30", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Tax rate must be between 0 and 30 percent.")]
    public decimal? TaxRatePercent { get; set; }
    public long? Version { get; set; }

    public static LocationInput From(Location l) => new()
    {
        CustomerId = l.CustomerId, Name = l.Name, Address = AddressInput.From(l.Address),
        TaxRatePercent = l.TaxRateBasisPoints / 100m, Version = l.Version,
    };
}

/// <summary>Creates a location for a customer (id null) or updates one.</summary>
public sealed class SaveLocation(GroundworkDbContext db, QuickBooks.Sync.SyncOutbox outbox) : IUseCase
{
    public async Task<Outcome<Location>> HandleAsync(long? id, LocationInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input).Annotations(input.Address, "Address.");
        if (input.TaxRatePercent is { } rate && decimal.Round(rate, 2) != rate)
        {
            check.Add(nameof(LocationInput.TaxRatePercent), "Tax rate can have at most two decimals.");
        }
        if (check.HasErrors) return check.ToOutcome<Location>();
        if (!await db.Customers.AnyAsync(c => c.Id == input.CustomerId, ct))
        {
            return Outcome<Location>.Invalid(nameof(LocationInput.CustomerId), "The customer does not exist.");
        }

        var location = await SaveChanges.FindOrAddAsync(db, id, input.Version, () => new Location { Name = "" }, ct);
        if (location is null) return Outcome<Location>.NotFound($"Location {id} was not found.");

        location.CustomerId = input.CustomerId;
        location.Name = input.Name.Trim();
        location.Address = input.Address.ToAddress();
        location.TaxRateBasisPoints = input.TaxRatePercent is { } percent ? (int)(percent * 100) : null;
        if (id is not null && db.Entry(location).Property(x => x.Name).IsModified)
        {
            // A linked QBO name follows the rename, queued in this save's transaction.
            await outbox.NameChangedAsync(QuickBooks.Links.LinkedKind.Location, location.Id, ct);
        }
        return await SaveChanges.TryAsync(db, location, nameof(LocationInput.Name), "This customer already has a location with this name.", ct);
    }
}
