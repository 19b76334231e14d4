using Groundwork.Web.Infrastructure;
using Groundwork.Web.Data;
using Groundwork.Web.Features.CostCodes;
using Groundwork.Web.Features.CostTypes;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Jobs;
using Groundwork.Web.Features.Locations;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.Vendors;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Demo;

/// <summary>Fills the demo organization through the same use cases a user would run, so the data obeys every rule.</summary>
internal sealed class DemoDocuments(GroundworkDbContext db, SaveCustomer customers, SaveLocation locations, SaveVendor vendors,
    SaveJob jobs, SaveCostCode codes, SaveCostType types, SaveDocument save, ChangeDocumentStatus change, RecordPayment pay, Organizations.OrganizationCalendar calendar)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        foreach (var (name, taxable) in CostType.Defaults)
        {
            await types.HandleAsync(null, new CostTypeInput { Name = name, TaxableByDefault = taxable }, ct);
        }
        foreach (var (number, name, parent) in DemoData.CostCodes)
        {
            long? parentId = parent is null ? null : (await db.CostCodes.FirstAsync(c => c.Number == parent, ct)).Id;
            await codes.HandleAsync(null, new CostCodeInput { Number = number, Name = name, ParentId = parentId }, ct);
        }
        foreach (var (name, contact, email) in DemoData.Vendors)
        {
            await vendors.HandleAsync(null, new VendorInput { Name = name, ContactName = contact, Email = email, Phone = "503-555-0100" }, ct);
        }
        var jobNumber = 1000;
        foreach (var c in DemoData.Customers)
        {
            var customer = (await customers.HandleAsync(null, new CustomerInput
            {
                Name = c.Name, ContactName = c.Contact, Email = c.Email, Phone = "503-555-0142",
                BillingAddress = new AddressInput { Line1 = c.Locations[0].Street, City = c.City, Region = "OR", Country = "USA" },
            }, ct)).Value!;
            foreach (var l in c.Locations)
            {
                var location = (await locations.HandleAsync(null, new LocationInput
                {
                    CustomerId = customer.Id, Name = l.Name, TaxRatePercent = l.Tax,
                    Address = new AddressInput { Line1 = l.Street, City = c.City, Region = "OR", Country = "USA" },
                }, ct)).Value!;
                await jobs.HandleAsync(null, new JobInput { Number = $"J-{++jobNumber}", Name = $"{l.Name} build-out", LocationId = location.Id }, ct);
            }
        }
        await SeedDocumentsAsync(ct);
    }

    private async Task SeedDocumentsAsync(CancellationToken ct)
    {
        var allJobs = await db.Jobs.OrderBy(j => j.Id).ToListAsync(ct);
        var vendorIds = await db.Vendors.OrderBy(v => v.Id).Select(v => v.Id).ToListAsync(ct);
        var codeIds = await db.CostCodes.ToDictionaryAsync(c => c.Number, c => c.Id, ct);
        var typeIds = await db.CostTypes.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        var today = await calendar.TodayAsync(ct);

        for (var i = 0; i < 40; i++)
        {
            var kind = i % 5 < 3 ? DocumentKind.Invoice : DocumentKind.Bill;
            var job = allJobs[i % allJobs.Count];
            var lines = Enumerable.Range(0, 1 + i % 3).Select(k => DemoData.Lines[(i + k * 3) % DemoData.Lines.Length]).Select(t => new LineInput
            {
                Name = t.Name, CostCodeId = codeIds[t.Code], CostTypeId = typeIds[t.Type], Quantity = t.Qty, UnitAmount = t.Unit,
                Taxable = t.Type is "Materials" or "Equipment",
            }).ToList();
            var input = new DocumentInput
            {
                JobId = job.Id, VendorId = kind == DocumentKind.Bill ? vendorIds[i % vendorIds.Count] : null,
                IssueDate = today.AddDays(-3 * (40 - i)), DueDate = today.AddDays(-3 * (40 - i) + 30), Lines = lines,
            };
            var doc = (await save.HandleAsync(kind, null, input, ct)).Value!;
            await AdvanceAsync(doc, i, ct);
        }
    }

    /// <summary>Mixed states: drafts, open, partially paid, paid, void, and a rejected bill.</summary>
    private async Task AdvanceAsync(Document doc, int i, CancellationToken ct)
    {
        var stage = i % 7;
        if (stage == 0) return;
        var action = doc.Kind == DocumentKind.Invoice ? DocumentAction.Finalize : DocumentAction.Approve;
        if (stage == 6 && doc.Kind == DocumentKind.Bill) action = DocumentAction.Reject;
        await change.HandleAsync(doc.Kind, doc.Id, stage == 5 ? DocumentAction.Void : action, null, ct);
        if (stage is 2 or 3)
        {
            var amount = stage == 2 ? doc.TotalCents / 100m : decimal.Round(doc.TotalCents / 200m, 2);
            await pay.HandleAsync(new PaymentInput
            {
                Method = PaymentMethod.Check, Reference = $"CHK-{5000 + i}", Date = doc.IssueDate.AddDays(14),
                Applications = [new PaymentApplicationInput { DocumentId = doc.Id, Amount = amount }],
            }, ct);
        }
    }
}
