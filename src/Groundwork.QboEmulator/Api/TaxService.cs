using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Model;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Api;

/// <summary><c>POST /taxservice/taxcode</c>: creates a tax code and any new rates; each new rate needs an existing tax agency.</summary>
internal sealed class TaxService(EmulatorStore store)
{
    public JsonObject Create(OpContext ctx, JsonObject body)
    {
        var name = body.Str("TaxCode") ?? throw Faults.Required("TaxCode");
        if (ctx.All("TaxCode").Any(c => string.Equals(c.Str("Name"), name, StringComparison.OrdinalIgnoreCase)))
        {
            throw Faults.DuplicateName("tax code");
        }

        var details = body.Arr("TaxRateDetails") ?? throw Faults.Required("TaxRateDetails");
        var rateRefs = new JsonArray();
        foreach (var detail in details.OfType<JsonObject>())
        {
            var rate = detail.Str("TaxRateId") is { } existing
                ? ctx.Find("TaxRate", existing) ?? throw Faults.InvalidReference("TaxRateId", existing)
                : NewRate(ctx, detail);
            detail["TaxRateId"] = rate.Str("Id");
            rateRefs.Add(new JsonObject
            {
                ["TaxRateRef"] = new JsonObject { ["value"] = rate.Str("Id"), ["name"] = rate.Str("Name") },
                ["TaxTypeApplicable"] = "TaxOnAmount", ["TaxOrder"] = 0,
            });
        }

        var code = new JsonObject
        {
            ["Name"] = name, ["Active"] = true, ["Hidden"] = false, ["Taxable"] = true, ["TaxGroup"] = true,
            ["SalesTaxRateList"] = new JsonObject { ["TaxRateDetail"] = rateRefs },
            ["PurchaseTaxRateList"] = new JsonObject { ["TaxRateDetail"] = new JsonArray() },
        };
        Stamp.Create(code, ctx.Company.AllocateId("TaxCode"), ctx.Now);
        store.Commit(ctx.Company, "TaxCode", code, operation: null);
        return new JsonObject { ["TaxCode"] = name, ["TaxCodeId"] = code.Str("Id"), ["TaxRateDetails"] = details.DeepClone() };
    }

    private JsonObject NewRate(OpContext ctx, JsonObject detail)
    {
        var name = detail.Str("TaxRateName") ?? throw Faults.Required("TaxRateName");
        if (name.Length > 10)
        {
            throw Faults.TooLong("TaxRateName", 10);
        }

        var agency = detail.Str("TaxAgencyId") ?? throw Faults.Required("TaxAgencyId");
        if (ctx.Find("TaxAgency", agency) is null)
        {
            throw Faults.InvalidReference("TaxAgencyId", agency);
        }

        if (ctx.All("TaxRate").Any(r => string.Equals(r.Str("Name"), name, StringComparison.OrdinalIgnoreCase)))
        {
            throw Faults.V("6240", "Duplicate Name Exists Error", "The name supplied already exists. : Another tax rate is already using this name. Please use a different name.");
        }

        var rate = new JsonObject
        {
            ["Name"] = name, ["RateValue"] = detail.Dec("RateValue") ?? 0, ["Active"] = true, ["SpecialTaxType"] = "NONE",
            ["AgencyRef"] = new JsonObject { ["value"] = agency }, ["DisplayType"] = "ReadOnly",
        };
        Stamp.Create(rate, ctx.Company.AllocateId("TaxRate"), ctx.Now);
        store.Commit(ctx.Company, "TaxRate", rate, operation: null);
        return rate;
    }
}
