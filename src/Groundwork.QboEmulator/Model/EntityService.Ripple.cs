using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Writes that ripple: voiding a transaction and renaming a parent record.</summary>
internal sealed partial class EntityService
{
    private JsonObject VoidExisting(OpContext ctx, EntityDef def, JsonObject existing)
    {
        if (!def.IsVoidable)
        {
            throw Faults.UnsupportedOperation("Operation Void is not supported.");
        }

        var before = existing.DeepClone().AsObject();
        var doc = existing.DeepClone().AsObject();
        foreach (var line in (doc.Arr("Line") ?? []).OfType<JsonObject>())
        {
            line["Amount"] = 0;
        }

        foreach (var field in new[] { "TotalAmt", "Balance", "UnappliedAmt", "RemainingCredit" }.Where(f => doc[f] is not null))
        {
            doc[field] = 0;
        }

        doc["PrivateNote"] = "Voided";
        doc["__voided"] = true;
        if (doc.Obj("TxnTaxDetail") is { } tax)
        {
            tax["TotalTax"] = 0;
        }

        Stamp.Update(doc, ctx.Now);
        store.Commit(ctx.Company, def.Name, doc, "Void");
        LinkRecalc.After(ctx, store, def.Name, before, doc);
        return doc.Public();
    }

    /// <summary>A renamed parent renames its sub-customers/sub-items in FullyQualifiedName (each an update, as in QBO).</summary>
    private void RefreshChildren(OpContext ctx, EntityDef def, JsonObject parent)
    {
        foreach (var child in ctx.Company.All(def.Name).Where(c => c.RefValue("ParentRef") == parent.Str("Id")).ToList())
        {
            var name = $"{parent.Str("FullyQualifiedName")}:{child.Str(def.NameField!)}";
            if (child.Str("FullyQualifiedName") == name)
            {
                continue;
            }

            child["FullyQualifiedName"] = name;
            child.Obj("ParentRef")!["name"] = parent.Str("FullyQualifiedName");
            Stamp.Update(child, ctx.Now);
            store.Commit(ctx.Company, def.Name, child, "Update");
            RefreshChildren(ctx, def, child);
        }
    }
}
