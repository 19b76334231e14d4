using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Model;

/// <summary>Create, read, full/sparse update, delete and void of one entity; callers hold the company's lock.</summary>
internal sealed partial class EntityService(EmulatorStore store)
{
    private static readonly string[] SystemFields = ["Id", "SyncToken", "MetaData", "domain", "sparse", "status"];

    public static JsonObject Read(OpContext ctx, EntityDef def, string id)
    {
        CheckId(id);
        return (ctx.Find(def.Name, id) ?? throw Faults.ObjectNotFound()).Public();
    }

    public JsonObject Create(OpContext ctx, EntityDef def, JsonObject body)
    {
        if (def.Kind is EntityKind.ReadOnly or EntityKind.Singleton)
        {
            throw Faults.UnsupportedOperation("Operation Create is not supported.");
        }

        WireValidator.Validate(def, body);
        var doc = body.DeepClone().AsObject();
        foreach (var field in SystemFields)
        {
            doc.Remove(field);
        }

        Normalize(ctx, def, doc, existing: null);
        Stamp.Create(doc, ctx.Company.AllocateId(SequenceOf(def)), ctx.Now);
        store.Commit(ctx.Company, def.Name, doc, "Create");
        Index(ctx, def, doc);
        ctx.Created(def.Name, doc.Str("Id")!);
        AfterCreate(ctx, def);
        LinkRecalc.After(ctx, store, def.Name, null, doc);
        return doc.Public();
    }

    public JsonObject Update(OpContext ctx, EntityDef def, JsonObject body, bool voidRequested)
    {
        WireValidator.Validate(def, body);
        var existing = Existing(ctx, def, body);
        if (voidRequested || (def.Name == "Payment" && body.Bool("void") == true))
        {
            return VoidExisting(ctx, def, existing);
        }

        if (def.Kind == EntityKind.ReadOnly || def.Name == "TaxAgency")
        {
            throw Faults.UnsupportedOperation("Operation Update is not supported.");
        }

        var sparse = body.Bool("sparse") == true || def.Kind == EntityKind.Singleton;
        var doc = sparse ? Merge(existing.DeepClone().AsObject(), body, deep: def.Kind == EntityKind.Singleton) : Replace(existing, body);
        doc.Remove("void");
        Normalize(ctx, def, doc, existing);
        var before = existing.DeepClone().AsObject();
        Stamp.Update(doc, ctx.Now);
        store.Commit(ctx.Company, def.Name, doc, "Update");
        Index(ctx, def, doc);
        LinkRecalc.After(ctx, store, def.Name, before, doc);
        if (doc.Str("FullyQualifiedName") != before.Str("FullyQualifiedName"))
        {
            RefreshChildren(ctx, def, doc);
        }

        return doc.Public();
    }

    public JsonObject Delete(OpContext ctx, EntityDef def, JsonObject body)
    {
        if (!def.IsDeletable)
        {
            throw Faults.UnsupportedOperation("Operation Delete is not supported.");
        }

        var existing = Existing(ctx, def, body);
        var id = existing.Str("Id")!;
        store.Delete(ctx.Company, def.Name, id);
        LinkRecalc.After(ctx, store, def.Name, existing, null);
        return new JsonObject { ["domain"] = "QBO", ["status"] = "Deleted", ["Id"] = id };
    }

    public JsonObject Void(OpContext ctx, EntityDef def, JsonObject body)
    {
        WireValidator.Validate(def, body);
        return VoidExisting(ctx, def, Existing(ctx, def, body));
    }

    private static JsonObject Existing(OpContext ctx, EntityDef def, JsonObject body)
    {
        var id = body.Str("Id") ?? throw Faults.Required("Id");
        CheckId(id);
        var existing = (def.Kind == EntityKind.Singleton
            ? ctx.Company.All(def.Name).FirstOrDefault()
            : ctx.Find(def.Name, id)) ?? throw Faults.ObjectNotFound();
        var token = body.Str("SyncToken") ?? throw Faults.Required("SyncToken");
        return token == existing.Str("SyncToken") ? existing : throw Faults.Stale();
    }

    private static void Index(OpContext ctx, EntityDef def, JsonObject doc)
    {
        if (def.Kind is EntityKind.Name or EntityKind.List)
        {
            NameRules.Indexed(ctx, def, doc);
        }
    }

    public static string SequenceOf(EntityDef def) => def.Kind switch
    {
        EntityKind.Name => "Name",
        EntityKind.Transaction => "Txn",
        _ => def.Name,
    };

    private static void CheckId(string id)
    {
        if (id.Length == 0 || !id.All(char.IsAsciiDigit))
        {
            throw Faults.InvalidId(id);
        }
    }

    /// <summary>A full update replaces the writable fields; read-only and internal ones survive.</summary>
    private static JsonObject Replace(JsonObject existing, JsonObject body)
    {
        var doc = body.DeepClone().AsObject();
        doc.Remove("sparse");
        foreach (var (key, value) in existing)
        {
            if (key.StartsWith("__", StringComparison.Ordinal) || key is "MetaData" or "Balance" or "CurrentBalance" or "BalanceWithJobs")
            {
                doc[key] = value?.DeepClone();
            }
        }

        return doc;
    }

    private static JsonObject Merge(JsonObject target, JsonObject body, bool deep)
    {
        foreach (var (key, value) in body)
        {
            if (key is "sparse" or "MetaData")
            {
                continue;
            }

            target[key] = deep && value is JsonObject inner && target[key] is JsonObject current
                ? Merge(current, inner, deep)
                : value?.DeepClone();
        }

        return target;
    }

    private static void Normalize(OpContext ctx, EntityDef def, JsonObject doc, JsonObject? existing)
    {
        switch (def.Kind)
        {
            case EntityKind.Name:
                NameRules.Normalize(ctx, def, doc, existing);
                break;
            case EntityKind.List:
                ListRules.Normalize(def, doc);
                NameRules.Normalize(ctx, def, doc, existing);
                break;
            case EntityKind.Transaction:
                TxnRules.Normalize(ctx, def, doc, existing);
                break;
            case EntityKind.Singleton:
                SingletonRules.Normalize(ctx, def, doc, existing);
                break;
        }

        DefaultRefs.Apply(ctx, def, doc);
        RefResolver.Resolve(ctx, def.Name, doc);
    }

    /// <summary>Setting up a tax agency is how a QBO company turns sales tax on.</summary>
    private void AfterCreate(OpContext ctx, EntityDef def)
    {
        if (def.Name == "TaxAgency" && !ctx.Pref("TaxPrefs", "UsingSalesTax"))
        {
            var prefs = ctx.Preferences;
            var tax = prefs.Obj("TaxPrefs") ?? new JsonObject();
            tax["UsingSalesTax"] = true;
            prefs["TaxPrefs"] = tax;
            Stamp.Update(prefs, ctx.Now);
            store.Commit(ctx.Company, "Preferences", prefs, "Update");
        }
    }
}
