using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Names and lists: DisplayName/Name rules, the shared Customer/Vendor/Employee namespace, hierarchy and soft delete.</summary>
internal static class NameRules
{
    private static readonly string[] NameParts = ["Title", "GivenName", "MiddleName", "FamilyName", "Suffix"];
    private static readonly string[] SharedNamespace = ["Customer", "Vendor", "Employee"];

    public static void Normalize(OpContext ctx, EntityDef def, JsonObject doc, JsonObject? existing)
    {
        var field = def.NameField!;
        if (def.Kind == EntityKind.Name && string.IsNullOrWhiteSpace(doc.Str(field)))
        {
            var built = string.Join(' ', NameParts.Select(doc.Str).Where(p => !string.IsNullOrWhiteSpace(p)));
            doc[field] = built.Length > 0 ? built : existing?.Str(field) ?? throw Faults.NoName();
        }

        if (string.IsNullOrWhiteSpace(doc.Str(field)))
        {
            throw Faults.Required(field);
        }

        CheckColons(def, doc);
        ApplyActive(ctx, def, doc, existing);
        CheckUnique(ctx, def, doc);
        ApplyHierarchy(ctx, def, doc);
        ApplyDefaults(def, doc);
    }

    /// <summary>The name without QBO's " (deleted)" suffix: an inactive record keeps its name slot.</summary>
    public static string BaseName(EntityDef def, string name) =>
        name.EndsWith(def.DeletedSuffix, StringComparison.OrdinalIgnoreCase) ? name[..^def.DeletedSuffix.Length] : name;

    private static void CheckColons(EntityDef def, JsonObject doc)
    {
        string[] fields = def.Kind == EntityKind.Name
            ? ["DisplayName", "GivenName", "MiddleName", "FamilyName", "PrintOnCheckName"]
            : [def.NameField!];
        foreach (var f in fields)
        {
            if (doc.Str(f)?.Contains(':', StringComparison.Ordinal) == true)
            {
                throw Faults.Colon(f);
            }
        }

        if (def.Name == "Account" && (doc.Str("Name")!.Contains('"', StringComparison.Ordinal) || doc.Str("AcctNum")?.Contains(':', StringComparison.Ordinal) == true))
        {
            throw Faults.Business("Name cannot contain a colon (:) or double quotes (\").");
        }
    }

    private static void ApplyActive(OpContext ctx, EntityDef def, JsonObject doc, JsonObject? existing)
    {
        var field = def.NameField!;
        var active = doc.Bool("Active") ?? true;
        doc["Active"] = active;
        var baseName = BaseName(def, doc.Str(field)!);
        doc[field] = active ? baseName : baseName + def.DeletedSuffix;
        if (existing is not null && !active && existing.IsActive() && def.Name == "Customer" && HasActiveChildren(ctx, existing))
        {
            throw Faults.Business("You can't make this customer inactive while it has active sub-customers.");
        }
    }

    private static bool HasActiveChildren(OpContext ctx, JsonObject customer) =>
        ctx.Company.All("Customer").Any(c => c.RefValue("ParentRef") == customer.Str("Id") && c.IsActive());

    private static void CheckUnique(OpContext ctx, EntityDef def, JsonObject doc)
    {
        var owner = Index(ctx, def).Owner(IndexKey(def, doc));
        if (owner is not null && owner != $"{def.Name}/{doc.Str("Id")}")
        {
            throw Faults.DuplicateName(def.Kind == EntityKind.Name ? "customer, vendor or employee" : Who(def));
        }
    }

    /// <summary>Records a committed name or list record in its company's name index.</summary>
    public static void Indexed(OpContext ctx, EntityDef def, JsonObject doc) =>
        Index(ctx, def).Set($"{def.Name}/{doc.Str("Id")}", IndexKey(def, doc));

    public static void Unindexed(OpContext ctx, EntityDef def, string id) => Index(ctx, def).Remove($"{def.Name}/{id}");

    private static Store.NameIndex Index(OpContext ctx, EntityDef def)
    {
        var scope = def.Kind == EntityKind.Name ? "Names" : def.Name;
        if (!ctx.Company.NameIndexes.TryGetValue(scope, out var index))
        {
            index = new Store.NameIndex();
            foreach (var entity in def.Kind == EntityKind.Name ? SharedNamespace : [def.Name])
            {
                var other = EntityCatalog.Get(entity);
                foreach (var existing in ctx.Company.All(entity))
                {
                    index.Set($"{entity}/{existing.Str("Id")}", IndexKey(other, existing));
                }
            }

            ctx.Company.NameIndexes[scope] = index;
        }

        return index;
    }

    /// <summary>Trimmed, case-insensitive, without " (deleted)"; list names are unique among siblings (same ParentRef).</summary>
    private static string IndexKey(EntityDef def, JsonObject doc)
    {
        var name = BaseName(def, doc.Str(def.NameField!) ?? "").Trim().ToUpperInvariant();
        return def.Kind == EntityKind.Name ? name : $"{doc.RefValue("ParentRef")}|{name}";
    }

    private static string Who(EntityDef def) => def.Name switch
    {
        "Item" => "product or service",
        "TaxAgency" => "tax agency",
        _ => def.Name.ToLowerInvariant(),
    };

    private static void ApplyHierarchy(OpContext ctx, EntityDef def, JsonObject doc)
    {
        if (def.Name is not ("Customer" or "Item" or "Class" or "Account"))
        {
            return;
        }

        var name = doc.Str(def.NameField!)!;
        var parentId = doc.RefValue("ParentRef");
        var parent = parentId is null ? null : ctx.Find(def.Name, parentId);
        var level = parent is null ? 0 : ((int?)parent.Dec("Level") ?? 0) + 1;
        if (level > 4 || (parentId is not null && parentId == doc.Str("Id")))
        {
            throw Faults.Business("The hierarchy can have at most 5 levels and a record cannot be its own parent.");
        }

        doc["FullyQualifiedName"] = parent is null ? name : $"{parent.Str("FullyQualifiedName")}:{name}";
        doc["Level"] = level;
        var flag = def.Name switch { "Customer" => "Job", "Item" => "SubItem", "Class" => "SubClass", _ => "SubAccount" };
        doc[flag] = parent is not null || (def.Name == "Customer" && doc.Bool("Job") == true);
        if (def.Name == "Customer")
        {
            doc["BillWithParent"] = parent is not null && (doc.Bool("BillWithParent") ?? false);
        }
        else
        {
            doc.Remove("Level");
        }
    }

    private static void ApplyDefaults(EntityDef def, JsonObject doc)
    {
        if (def.Kind == EntityKind.Name)
        {
            doc["PrintOnCheckName"] ??= BaseName(def, doc.Str("DisplayName")!);
            doc["CurrencyRef"] ??= Usd();
        }

        switch (def.Name)
        {
            case "Customer":
                doc["Taxable"] ??= true;
                doc["Balance"] ??= 0;
                doc["BalanceWithJobs"] ??= doc["Balance"]!.DeepClone();
                doc["PreferredDeliveryMethod"] ??= "Print";
                break;
            case "Vendor":
                doc["Balance"] ??= 0;
                doc["Vendor1099"] ??= false;
                break;
            case "Employee":
                doc["BillableTime"] ??= false;
                break;
        }
    }

    public static JsonObject Usd() => new() { ["value"] = "USD", ["name"] = "United States Dollar" };
}
