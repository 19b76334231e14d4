using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;

namespace Groundwork.QboEmulator.Model;

/// <summary>Payment and BillPayment: an amount is required, each line applies to an open document of the same party.</summary>
internal static class PaymentRules
{
    public static void Normalize(OpContext ctx, JsonObject doc, JsonObject? existing, string target, string partyRef)
    {
        var total = doc.Dec("TotalAmt") ?? throw Faults.Business("You must set a transaction amount.");
        var applied = 0m;
        foreach (var line in (doc.Arr("Line") ?? []).OfType<JsonObject>())
        {
            var amount = line.Dec("Amount") ?? throw Faults.Required("Line.Amount");
            foreach (var link in line.Arr("LinkedTxn")?.OfType<JsonObject>() ?? [])
            {
                var entity = CheckLink(ctx, doc, existing, link, amount, target, partyRef);
                applied += entity == "CreditMemo" ? -amount : amount;
            }
        }

        if (applied > total)
        {
            throw Faults.Business("The amount applied is more than the payment amount.");
        }

        doc["TotalAmt"] = Json.Money(total);
        if (target == "Invoice")
        {
            doc["UnappliedAmt"] = Json.Money(total - applied);
        }
    }

    /// <summary>The linked document must exist, belong to the same party and have enough open balance.</summary>
    private static string CheckLink(OpContext ctx, JsonObject doc, JsonObject? existing, JsonObject link, decimal amount, string target, string partyRef)
    {
        var type = link.Str("TxnType") ?? throw Faults.Required("Line.LinkedTxn.TxnType");
        var id = link.Str("TxnId") ?? throw Faults.Required("Line.LinkedTxn.TxnId");
        var entity = type == "CreditMemo" && target == "Invoice" ? "CreditMemo" : type;
        if (entity != target && entity != "CreditMemo")
        {
            throw Faults.V("2170", "Invalid Enumeration", $"Invalid Enumeration : {type}", "Line.LinkedTxn.TxnType");
        }

        var linked = ctx.Find(entity, id) ?? throw Faults.InvalidReference("Line.LinkedTxn.TxnId", id);
        if (linked.RefValue(partyRef) != doc.RefValue(partyRef))
        {
            throw Faults.Business($"The {entity} {id} belongs to another {partyRef[..^3].ToLowerInvariant()}.");
        }

        var open = OpenAmount(linked, entity) + AppliedBy(existing, entity, id);
        return amount > open
            ? throw Faults.Business($"The payment amount {amount} is more than the open balance {open} of {entity} {id}.")
            : entity;
    }

    private static decimal OpenAmount(JsonObject doc, string entity) =>
        entity == "CreditMemo" ? doc.Dec("RemainingCredit") ?? 0 : doc.Dec("Balance") ?? 0;

    /// <summary>On an update the payment's own earlier application is available again.</summary>
    public static decimal AppliedBy(JsonObject? payment, string entity, string id) =>
        payment is null || TxnRules.IsVoided(payment) ? 0 :
        (payment.Arr("Line") ?? []).OfType<JsonObject>()
            .Where(l => (l.Arr("LinkedTxn") ?? []).OfType<JsonObject>().Any(k => k.Str("TxnId") == id && SameType(k.Str("TxnType"), entity)))
            .Sum(l => l.Dec("Amount") ?? 0);

    private static bool SameType(string? txnType, string entity) => txnType == entity;
}
