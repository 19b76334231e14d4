using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>
/// Checks every <c>*Ref</c> in a document: the target must exist (2500) and be active (610, as QBO words it),
/// and fills <c>name</c> the way QBO echoes it (not on <c>DefaultTaxCodeRef</c>).
/// </summary>
internal static class RefResolver
{
    private static readonly FrozenDictionary<string, string> Targets = new Dictionary<string, string>
    {
        ["CustomerRef"] = "Customer", ["VendorRef"] = "Vendor", ["EmployeeRef"] = "Employee", ["ItemRef"] = "Item",
        ["ClassRef"] = "Class", ["AccountRef"] = "Account", ["APAccountRef"] = "Account", ["ARAccountRef"] = "Account",
        ["DepositToAccountRef"] = "Account", ["IncomeAccountRef"] = "Account", ["ExpenseAccountRef"] = "Account",
        ["AssetAccountRef"] = "Account", ["BankAccountRef"] = "Account", ["CCAccountRef"] = "Account",
        ["SalesTermRef"] = "Term", ["TermRef"] = "Term", ["AgencyRef"] = "TaxAgency", ["TaxCodeRef"] = "TaxCode",
        ["TxnTaxCodeRef"] = "TaxCode", ["DefaultTaxCodeRef"] = "TaxCode", ["SalesTaxCodeRef"] = "TaxCode",
        ["PurchaseTaxCodeRef"] = "TaxCode", ["TaxRateRef"] = "TaxRate", ["PrefVendorRef"] = "Vendor",
    }.ToFrozenDictionary();

    public static void Resolve(OpContext ctx, string entity, JsonObject doc) => Walk(ctx, entity, doc, "");

    public static string DisplayOf(JsonObject target) =>
        target.Str("FullyQualifiedName") ?? target.Str("DisplayName") ?? target.Str("Name") ?? "";

    private static void Walk(OpContext ctx, string entity, JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    Walk(ctx, entity, item, path);
                }

                break;
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    var element = path.Length == 0 ? name : $"{path}.{name}";
                    if (value is JsonObject reference && TargetOf(entity, name) is { } target)
                    {
                        Check(ctx, target, reference, element);
                    }
                    else if (name != "LinkedTxn")
                    {
                        Walk(ctx, entity, value, name == "Line" ? "Line" : element);
                    }
                }

                break;
        }
    }

    private static string? TargetOf(string entity, string property) =>
        property == "ParentRef" ? entity : Targets.GetValueOrDefault(property);

    private static void Check(OpContext ctx, string target, JsonObject reference, string element)
    {
        var id = reference.Str("value");
        if (id is null || (target == "TaxCode" && id is "TAX" or "NON"))
        {
            return;
        }

        var found = ctx.Find(target, id) ?? throw Faults.InvalidReference(element, id);
        if (!found.IsActive())
        {
            throw Faults.ObjectNotFound();
        }

        // QBO echoes a customer's DefaultTaxCodeRef as a bare value (create__customer__0.json, update__customer__1.json).
        if (element != "DefaultTaxCodeRef")
        {
            reference["name"] = DisplayOf(found);
        }
    }
}
