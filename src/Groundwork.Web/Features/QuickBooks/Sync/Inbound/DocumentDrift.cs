using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// Whether a linked document's QBO record still is what Groundwork would push (<see cref="QboLineFacts.Differences"/>):
/// totals, each line's amount, quantity, unit price, Product/Service and class, and the customer or vendor. Reads the
/// database only (the planner's cached lists and links), never QBO.
/// </summary>
public sealed class DocumentDrift(GroundworkDbContext db, PushPlanner planner)
{
    /// <summary>The drift message for the document against QBO's <paramref name="current"/> record, or null when they agree.</summary>
    public async Task<string?> MessageAsync(long documentId, QboTransaction current, QboDocumentState state, CancellationToken ct)
    {
        if (state.Voided) return null;
        var plan = await PlanAsync(documentId, ct);
        return plan is null ? null : QboLineFacts.Message(QboLineFacts.Differences(plan, state, current));
    }

    /// <summary>What a push of the document would send now (no QBO call: the sales tax code is not looked up).</summary>
    public async Task<PushPlan?> PlanAsync(long documentId, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return null;
        var settings = await planner.SettingsAsync(connection, salesTaxCodeId: null, ct);
        return (await planner.PlanAsync(connection, settings, [documentId], ct)).GetValueOrDefault(documentId);
    }
}
