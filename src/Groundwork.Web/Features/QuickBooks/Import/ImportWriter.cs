using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Features.Locations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.Vendors;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Import;

/// <summary>
/// Creates one Groundwork record from a QBO record through its kind's use case and links it, in one transaction: a record
/// the use case refuses, or a link another run made first, leaves nothing behind.
/// </summary>
public sealed class ImportWriter(GroundworkDbContext db, SaveCustomer customers, SaveLocation locations, SaveVendor vendors) : IUseCase
{
    public async Task<Outcome<long>> CreateAsync(long connectionId, string batchId, ImportDecision decision, QboNameEntity record, string name, bool active,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var saved = await SaveAsync(decision, record, name, active, ct);
            if (!saved.IsOk) return await RollBackAsync(transaction, saved, ct);

            var link = new QboLink
            {
                ConnectionId = connectionId, Kind = Kind(decision.Becomes), LocalId = saved.Value,
                Source = QboLinkSource.Imported, BatchId = batchId, SyncToken = record.SyncToken,
            };
            link.PointAt(ImportPlan.QboType(decision.Becomes == ImportTarget.Vendor ? ImportKind.Vendor : ImportKind.Customer), record.Id!, record.DisplayName);
            db.Add(link);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return await RollBackAsync(transaction, Outcome<long>.Conflict("Already linked: another import or link took this QuickBooks record first."), ct);
            }
            await transaction.CommitAsync(ct);
            return saved;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private async Task<Outcome<long>> SaveAsync(ImportDecision decision, QboNameEntity record, string name, bool active, CancellationToken ct)
    {
        var phone = record.PrimaryPhone?.FreeFormNumber;
        var email = record.PrimaryEmailAddr?.Address;
        var contact = Contact(record);
        switch (decision.Becomes)
        {
            case ImportTarget.Customer:
                var customer = await customers.HandleAsync(null, new CustomerInput
                {
                    Name = name, ContactName = contact, Email = email, Phone = phone, IsActive = active,
                    BillingAddress = Address((record as QboCustomer)?.BillAddr),
                }, ct);
                return Id(customer, c => c.Id);
            case ImportTarget.Location:
                var qboCustomer = (QboCustomer)record;
                var location = await locations.HandleAsync(null, new LocationInput
                {
                    CustomerId = decision.ParentCustomerId!.Value, Name = name, Address = Address(qboCustomer.BillAddr ?? qboCustomer.ShipAddr),
                }, ct);
                return Id(location, l => l.Id);
            case ImportTarget.Vendor:
                var vendor = await vendors.HandleAsync(null, new VendorInput
                {
                    Name = name, ContactName = contact, Email = email, Phone = phone, IsActive = active,
                    Address = Address((record as QboVendor)?.BillAddr),
                }, ct);
                return Id(vendor, v => v.Id);
            default:
                return Outcome<long>.Conflict("Not importable.");
        }
    }

    /// <summary>The person's name when QBO has one that differs from the display name (a company with a contact).</summary>
    private static string? Contact(QboNameEntity record)
    {
        var person = string.Join(' ', new[] { record.GivenName, record.FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        return person.Length == 0 || string.Equals(person, record.DisplayName?.Trim(), StringComparison.OrdinalIgnoreCase) ? null : person;
    }

    /// <summary>QBO's first two street lines, city, state (CountrySubDivisionCode), postal code and country.</summary>
    private static AddressInput Address(QboPhysicalAddress? a) => a is null ? new() : new()
    {
        Line1 = a.Line1, Line2 = a.Line2, City = a.City, Region = a.CountrySubDivisionCode, PostalCode = a.PostalCode, Country = a.Country,
    };

    private static LinkedKind Kind(ImportTarget target) => target switch
    {
        ImportTarget.Customer => LinkedKind.Customer,
        ImportTarget.Location => LinkedKind.Location,
        ImportTarget.Job => LinkedKind.Job,
        _ => LinkedKind.Vendor,
    };

    private static Outcome<long> Id<T>(Outcome<T> outcome, Func<T, long> id) => outcome.Kind switch
    {
        OutcomeKind.Ok => Outcome<long>.Ok(id(outcome.Value!)),
        OutcomeKind.Invalid => Outcome<long>.Invalid(outcome.Errors),
        OutcomeKind.NotFound => Outcome<long>.NotFound(outcome.Message ?? "Not found."),
        _ => Outcome<long>.Conflict(outcome.Message ?? "Refused."),
    };

    private static async Task<Outcome<long>> RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Outcome<long> refused, CancellationToken ct)
    {
        await transaction.RollbackAsync(ct);
        return refused;
    }
}
