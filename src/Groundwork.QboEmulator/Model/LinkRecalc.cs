using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Model;

/// <summary>
/// After a payment changes, the documents it touches get a new Balance and LinkedTxn (and a new SyncToken, so clients
/// holding the old one see 5010, as with QBO). Only the payment itself raises a webhook event.
/// </summary>
internal static class LinkRecalc
{
    public static void After(OpContext ctx, EmulatorStore store, string entity, JsonObject? before, JsonObject? after)
    {
        var targets = new HashSet<(string Entity, string Id)>();
        if (entity is "Payment" or "BillPayment")
        {
            Collect(before, targets);
            Collect(after, targets);
        }
        else if (entity is "Invoice" or "Bill" or "CreditMemo" && after is not null)
        {
            targets.Add((entity, after.Str("Id")!));
        }

        foreach (var (target, id) in targets)
        {
            if (ctx.Company.Get(target, id) is { } doc)
            {
                Recompute(ctx, store, target, doc, stamp: entity != target);
            }
        }

        PartyBalances.Refresh(ctx, store, entity, before, after);
    }

    private static void Collect(JsonObject? payment, HashSet<(string, string)> targets)
    {
        foreach (var link in (payment?.Arr("Line") ?? []).OfType<JsonObject>().SelectMany(l => (l.Arr("LinkedTxn") ?? []).OfType<JsonObject>()))
        {
            if (link.Str("TxnType") is { } type && link.Str("TxnId") is { } id)
            {
                targets.Add((type, id));
            }
        }
    }

    private static void Recompute(OpContext ctx, EmulatorStore store, string entity, JsonObject doc, bool stamp)
    {
        var (paymentEntity, linkType) = entity == "Bill" ? ("BillPayment", "BillPaymentCheck") : ("Payment", "Payment");
        var id = doc.Str("Id")!;
        var payments = ctx.Company.All(paymentEntity)
            .Where(p => !TxnRules.IsVoided(p))
            .Select(p => (Id: p.Str("Id")!, Amount: PaymentRules.AppliedBy(p, entity, id)))
            .Where(p => p.Amount != 0)
            .ToList();
        var open = TxnRules.IsVoided(doc) ? 0 : (doc.Dec("TotalAmt") ?? 0) - payments.Sum(p => p.Amount);
        var links = new JsonArray();
        foreach (var kept in (doc.Arr("LinkedTxn") ?? []).OfType<JsonObject>().Where(l => l.Str("TxnType") is not ("Payment" or "BillPaymentCheck")))
        {
            links.Add(kept.DeepClone());
        }

        foreach (var p in payments)
        {
            links.Add(new JsonObject { ["TxnId"] = p.Id, ["TxnType"] = linkType });
        }

        var balanceField = entity == "CreditMemo" ? "RemainingCredit" : "Balance";
        if (doc.Dec(balanceField) == open && JsonNode.DeepEquals(doc["LinkedTxn"], links))
        {
            return;
        }

        doc[balanceField] = Json.Money(open);
        doc["Balance"] = Json.Money(open);
        doc["LinkedTxn"] = links;
        if (stamp)
        {
            Stamp.Update(doc, ctx.Now);
            store.Commit(ctx.Company, entity, doc, operation: null);
        }
    }
}
