using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Seed;

/// <summary>
/// The demo companies. Records are created through the same rules as API writes, so seeded data is as QBO would hold it.
/// Customer 1 / Item 1 and a few names match Intuit's sandbox company so recorded fixtures replay meaningfully.
/// </summary>
internal sealed class Seeder(EntityService entities)
{
    public const string UsRealm = "9341452525163001";
    public const string PlainRealm = "9341452525163002";

    public void SeedAll(EmulatorStore store)
    {
        SeedBuilder(store, store.AddCompany(UsRealm, "Groundwork Demo Builders"));
        SeedPlain(store, store.AddCompany(PlainRealm, "Second Street Renovations"));
    }

    /// <summary>A further company (admin API): "builder" is laid out like the US demo company, anything else like the plain one.</summary>
    public Company SeedCompany(EmulatorStore store, string realmId, string name, string template)
    {
        var company = store.AddCompany(realmId, name);
        lock (company.Gate)
        {
            if (template == "builder")
            {
                SeedBuilder(store, company);
            }
            else
            {
                SeedPlain(store, company);
            }
        }

        return company;
    }

    private void SeedBuilder(EmulatorStore store, Company company)
    {
        var ctx = Context(store, company);
        SeedData.Singletons(store, ctx, company.Name, classPerLine: true, customNumbers: true);
        SeedData.Terms(this, ctx);
        SeedData.Accounts(this, ctx);
        SeedData.Items(this, ctx, ["Services", "Labor", "Materials", "Subcontractor", "Equipment Rental", "Concrete"]);
        foreach (var name in new[] { "Labor", "Materials", "Subcontractor", "Equipment", "Other" })
        {
            Create(ctx, "Class", $$"""{"Name":"{{name}}"}""");
        }

        var agency = Create(ctx, "TaxAgency", """{"DisplayName":"California Department of Tax and Fee Administration"}""");
        SeedData.TaxCode(store, ctx, agency.Str("Id")!);
        SeedData.Names(this, ctx,
            customers: ["Amy's Bird Sanctuary", "Bill's Windsurf Shop", "Cool Cars", "Freeman Sporting Goods", "Dukes Basketball Camp", "Weiskopf Consulting"],
            inactiveCustomer: "Old Oak Builders",
            vendors: ["Robertson & Associates", "Hicks Hardware", "Norton Lumber and Building Materials"],
            inactiveVendor: "Mahoney Mugs");
        Create(ctx, "Customer", """{"DisplayName":"0969 Ocean View Road","ParentRef":{"value":"4"},"Job":true}""");
        SeedData.Transactions(this, ctx);
    }

    private void SeedPlain(EmulatorStore store, Company company)
    {
        var ctx = Context(store, company);
        SeedData.Singletons(store, ctx, company.Name, classPerLine: false, customNumbers: false);
        SeedData.Terms(this, ctx);
        SeedData.Accounts(this, ctx);
        SeedData.Items(this, ctx, ["Services", "Hours", "Materials"]);
        SeedData.Names(this, ctx,
            customers: ["Maple Street Homeowners", "Riverside Dental"],
            inactiveCustomer: "Harbor Cafe",
            vendors: ["Cedar Supply Co", "Bright Electric"],
            inactiveVendor: "Old Town Paint");
    }

    public JsonObject Create(OpContext ctx, string entity, string json) =>
        entities.Create(ctx, EntityCatalog.Get(entity), JsonNode.Parse(json)!.AsObject());

    public JsonObject Update(OpContext ctx, string entity, JsonObject body) =>
        entities.Update(ctx, EntityCatalog.Get(entity), body, voidRequested: false);

    private static OpContext Context(EmulatorStore store, Company company) =>
        new(company, store.Clock.UtcNow, store.Clock.Today()) { QuickBooksSide = true };
}
