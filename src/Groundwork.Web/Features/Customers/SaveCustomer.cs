using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Customers;

public sealed class CustomerInput
{
    [Display(Name = "Name"), NameText]
    [Required(ErrorMessage = "Name is required."), StringLength(Limits.Name, ErrorMessage = "Name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    [Display(Name = "Contact name"), StringLength(Limits.Name, ErrorMessage = Limits.TooLong)] public string? ContactName { get; set; }
    [Display(Name = "Email"), EmailAddress(ErrorMessage = "Email is not a valid email address."), StringLength(Limits.Email, ErrorMessage = Limits.TooLong)] public string? Email { get; set; }
    [Display(Name = "Phone"), StringLength(Limits.Phone, ErrorMessage = Limits.TooLong)] public string? Phone { get; set; }
    /// <summary>A JSON null means no address.</summary>
    public AddressInput BillingAddress { get; set => field = value ?? new(); } = new();
    public bool IsActive { get; set; } = true;
    /// <summary>The version the user edited; a save against a newer version is refused as a conflict.</summary>
    public long? Version { get; set; }

    public static CustomerInput From(Customer c) => new()
    {
        Name = c.Name, ContactName = c.ContactName, Email = c.Email, Phone = c.Phone,
        BillingAddress = AddressInput.From(c.BillingAddress), IsActive = c.IsActive, Version = c.Version,
    };
}

/// <summary>Creates a customer (id null) or updates one.</summary>
public sealed class SaveCustomer(GroundworkDbContext db, QuickBooks.Sync.SyncOutbox outbox) : IUseCase
{
    public async Task<Outcome<Customer>> HandleAsync(long? id, CustomerInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input).Annotations(input.BillingAddress, "BillingAddress.");
        if (check.HasErrors) return check.ToOutcome<Customer>();

        var customer = await SaveChanges.FindOrAddAsync(db, id, input.Version, () => new Customer { Name = "" }, ct);
        if (customer is null) return Outcome<Customer>.NotFound($"Customer {id} was not found.");

        customer.Name = input.Name.Trim();
        customer.ContactName = AddressInput.Clean(input.ContactName);
        customer.Email = AddressInput.Clean(input.Email);
        customer.Phone = AddressInput.Clean(input.Phone);
        customer.BillingAddress = input.BillingAddress.ToAddress();
        customer.IsActive = input.IsActive;
        if (id is not null && db.Entry(customer).Property(x => x.Name).IsModified)
        {
            // A linked QBO name follows the rename, queued in this save's transaction.
            await outbox.NameChangedAsync(QuickBooks.Links.LinkedKind.Customer, customer.Id, ct);
        }
        return await SaveChanges.TryAsync(db, customer, nameof(CustomerInput.Name), "A customer with this name already exists.", ct);
    }
}
