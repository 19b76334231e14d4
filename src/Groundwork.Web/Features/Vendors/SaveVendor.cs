using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Vendors;

public sealed class VendorInput
{
    [Display(Name = "Name"), NameText]
    [Required(ErrorMessage = "Name is required."), StringLength(Limits.Name, ErrorMessage = "Name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    [Display(Name = "Contact name"), StringLength(Limits.Name, ErrorMessage = Limits.TooLong)] public string? ContactName { get; set; }
    [Display(Name = "Email"), EmailAddress(ErrorMessage = "Email is not a valid email address."), StringLength(Limits.Email, ErrorMessage = Limits.TooLong)] public string? Email { get; set; }
    [Display(Name = "Phone"), StringLength(Limits.Phone, ErrorMessage = Limits.TooLong)] public string? Phone { get; set; }
    /// <summary>A JSON null means no address.</summary>
    public AddressInput Address { get; set => field = value ?? new(); } = new();
    public bool IsActive { get; set; } = true;
    public long? Version { get; set; }

    public static VendorInput From(Vendor v) => new()
    {
        Name = v.Name, ContactName = v.ContactName, Email = v.Email, Phone = v.Phone,
        Address = AddressInput.From(v.Address), IsActive = v.IsActive, Version = v.Version,
    };
}

/// <summary>Creates a vendor (id null) or updates one.</summary>
public sealed class SaveVendor(GroundworkDbContext db, QuickBooks.Sync.SyncOutbox outbox) : IUseCase
{
    public async Task<Outcome<Vendor>> HandleAsync(long? id, VendorInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input).Annotations(input.Address, "Address.");
        if (check.HasErrors) return check.ToOutcome<Vendor>();

        var vendor = await SaveChanges.FindOrAddAsync(db, id, input.Version, () => new Vendor { Name = "" }, ct);
        if (vendor is null) return Outcome<Vendor>.NotFound($"Vendor {id} was not found.");

        vendor.Name = input.Name.Trim();
        vendor.ContactName = AddressInput.Clean(input.ContactName);
        vendor.Email = AddressInput.Clean(input.Email);
        vendor.Phone = AddressInput.Clean(input.Phone);
        vendor.Address = input.Address.ToAddress();
        vendor.IsActive = input.IsActive;
        if (id is not null && db.Entry(vendor).Property(x => x.Name).IsModified)
        {
            // A linked QBO name follows the rename, queued in this save's transaction.
            await outbox.NameChangedAsync(QuickBooks.Links.LinkedKind.Vendor, vendor.Id, ct);
        }
        return await SaveChanges.TryAsync(db, vendor, nameof(VendorInput.Name), "A vendor with this name already exists.", ct);
    }
}
