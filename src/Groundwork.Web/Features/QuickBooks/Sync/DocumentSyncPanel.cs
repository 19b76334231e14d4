using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>The QuickBooks panel of a document's page: its state, the fix when it is held back, and its audit trail.</summary>
/// <param name="Connected">QuickBooks is connected now (not removed, disconnected or waiting for a reconnect): a push can go.</param>
public sealed record DocumentSyncPanel(Document Document, DocumentSyncDto Sync, PushProblem? Fix, IReadOnlyList<SyncAuditDto> Audit, bool Connected)
{
    public const string Partial = "/Features/QuickBooks/Sync/_DocumentSyncPanel.cshtml";

    /// <summary>A finalized document QuickBooks does not have right: not pushed yet, or held back.</summary>
    public bool Unpushed => DocumentRules.IsFinalized(Document) && Sync.State is "notSynced" or "needsAttention";

    /// <summary>"Push now" is offered for an unpushed document while QuickBooks is connected; otherwise the panel says to connect.</summary>
    public bool CanPushNow => Connected && Unpushed;

    /// <summary>QuickBooks' record was edited there: "Take QuickBooks' version" and "Push Groundwork's version" are offered.</summary>
    public bool HasDrift => Sync.Problem == Inbound.ApplyQboChange.DriftProblem;

    /// <summary>The panel, or null when the document has nothing to do with QuickBooks: never connected and never pushed.</summary>
    public static async Task<DocumentSyncPanel?> LoadAsync(GroundworkDbContext db, DocumentSyncView view, SyncFixes fixes, Document document, CancellationToken ct)
    {
        // The state first, then the trail: a push saves its log line in the transaction that sets the state it led to, so a
        // trail read after the state holds the line behind it. Read the other way round, a push landing between the two
        // reads showed "Synced" above a newest line that was still the drift, as if nothing had been pushed.
        var sync = await view.ForAsync(document.Id, ct);
        var audit = await view.AuditAsync(document.Kind, document.Id, ct);
        var status = await db.QboConnections.Select(c => (Connection.QboConnectionStatus?)c.Status).FirstOrDefaultAsync(ct);
        if (audit.Count == 0 && status is null) return null;
        var fix = sync.State == "needsAttention" && sync.Problem is not null
            ? (await fixes.ForAsync(new Dictionary<long, string?> { [document.Id] = sync.Problem }, ct)).GetValueOrDefault(document.Id)
            : null;
        return new DocumentSyncPanel(document, sync, fix, audit, status == Connection.QboConnectionStatus.Connected);
    }
}
