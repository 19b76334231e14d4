using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// "Take QuickBooks' version" of a drifted document: QBO's record is read again through the gateway and Groundwork's
/// document is rewritten from it — lines (through the mappings backwards, <see cref="QboLineTake"/>), taxable flags,
/// customer's job or vendor when they map to linked ones — with totals from the document math. All or nothing: a line or
/// name that cannot be taken refuses the whole take with the fix. The sync state is Synced at QBO's SyncToken and nothing
/// is queued, so nothing echoes back.
/// </summary>
public sealed class TakeQuickBooksVersion(GroundworkDbContext db, IQboChangeFeed feed, DocumentDrift drift, PushPlanner planner, DocumentHistory history,
    SyncJournal journal, DocumentSyncView view, AppClock clock, IHttpContextAccessor http) : IUseCase
{
    public async Task<Outcome<DocumentSyncDto>> HandleAsync(long documentId, CancellationToken ct)
    {
        var found = await DriftTarget.FindAsync(db, documentId, ct);
        if (found.Refusal is { } refusal) return refusal;
        var (connection, document, link) = (found.Connection!, found.Document!, found.Link!);
        var change = await feed.ReadAsync(link.QboType, link.QboId, ct);
        if (change.Current is not { } current) return Outcome<DocumentSyncDto>.Conflict($"QuickBooks' {link.QboType} {link.QboId} was deleted there; there is no version to take.");
        var state = QboDocumentFacts.Read(current);
        if (state.Voided) return Outcome<DocumentSyncDto>.Conflict($"QuickBooks' {link.QboType} {link.QboId} is void there; there is no version to take.");

        var sign = document.Kind == DocumentKind.Invoice && document.TotalCents < 0 ? -1 : 1;
        var settings = await planner.SettingsAsync(connection, salesTaxCodeId: null, ct);
        var currentLines = document.Lines.OrderBy(l => l.Position).ToList();
        var (lines, problems) = QboLineTake.Take(QboLineFacts.Read(current), settings, sign, document.Kind == DocumentKind.Invoice, currentLines);
        if (await PartyProblemAsync(connection.Id, document, current, ct) is { } party) problems.Add(party);
        if (problems.Count > 0) return Refused(problems);

        db.Entry(document).State = EntityState.Modified;
        db.DocumentLines.RemoveRange(document.Lines);
        document.Lines.Clear();
        document.Lines.AddRange(lines);
        DocumentMath.Recalculate(document);
        if (Math.Abs(document.TotalCents) != state.TotalCents || Math.Sign(document.TotalCents) != sign && document.TotalCents != 0)
        {
            var total = DocumentMath.Format(state.TotalCents);
            db.ChangeTracker.Clear();
            return Refused([$"With QuickBooks' lines Groundwork's total would be {DocumentMath.Format(Math.Abs(document.TotalCents))}, but QuickBooks' is {total} " +
                "(tax or rounding differ). Change it in QuickBooks, or push Groundwork's version."]);
        }
        if (DocumentMath.OutOfRange(document) is { } tooLarge)
        {
            db.ChangeTracker.Clear();
            return Refused([tooLarge]);
        }
        if (document.PaidCents != 0) history.Move(document, DocumentRules.StatusAfterPayments(document), null);
        var source = $"QuickBooks {link.QboType} id {link.QboId}";
        history.Record(document, document.Status, document.Status, $"Taken from QuickBooks ({source})");
        link.SyncToken = current.SyncToken ?? link.SyncToken;
        await DocumentSyncs.SetAsync(db, connection.Id, document.Id, SyncState.Synced, $"Taken from QuickBooks ({source}).", null, null, clock.UtcNow, ct);
        journal.Add(link.Kind, document.Id, document.Number, User, "take", link.QboType, null, SyncResult.Succeeded, link.QboId, link.SyncToken,
            message: $"Taken from QuickBooks: {DocumentRules.Noun(document.Kind)} {document.Number} now has QuickBooks' lines and total {DocumentMath.Format(document.TotalCents)}.");
        var saved = await SaveChanges.TryAsync(db, document, "", "", ct);
        if (!saved.IsOk) return Outcome<DocumentSyncDto>.Conflict(saved.Message ?? SaveChanges.ConflictMessage);
        // What was taken must now agree with QBO; if the mappings make a push differ anyway, the user sees it at once.
        if (await drift.MessageAsync(document.Id, current, state, ct) is { } still)
        {
            await DocumentSyncs.SetAsync(db, connection.Id, document.Id, SyncState.NeedsAttention, still, ApplyQboChange.DriftProblem, null, clock.UtcNow, ct);
            await db.SaveChangesAsync(ct);
        }
        return Outcome<DocumentSyncDto>.Ok(await view.ForAsync(document.Id, ct));
    }

    private string User => http.HttpContext?.User.Identity?.Name ?? SyncOutbox.Automatic;

    /// <summary>Moves the invoice to the job QBO's customer stands for, or the bill to QBO's vendor; the words when it cannot.</summary>
    private async Task<string?> PartyProblemAsync(long connectionId, Document document, QboTransaction current, CancellationToken ct)
    {
        if (QboLineFacts.Party(current) is not { } party) return null;
        if (document.Kind == DocumentKind.Bill)
        {
            var (vendor, refusal) = await QboParty.VendorAsync(db, connectionId, party.Value, party.Name, ct);
            if (vendor is { } v) document.VendorId = v;
            return refusal;
        }
        var (job, problem) = await QboParty.JobAsync(db, connectionId, party.Value, party.Name, document.JobId, null, ct);
        if (job is not { } jobId || jobId == document.JobId) return problem;
        var location = await db.Jobs.AsNoTracking().Where(j => j.Id == jobId).Select(j => new { j.Location!.CustomerId, j.Location.TaxRateBasisPoints }).FirstAsync(ct);
        document.JobId = jobId;
        document.CustomerId = location.CustomerId;
        document.TaxRateBasisPoints = location.TaxRateBasisPoints ?? 0;
        return null;
    }

    private static Outcome<DocumentSyncDto> Refused(IReadOnlyList<string> problems) =>
        Outcome<DocumentSyncDto>.Conflict("QuickBooks' version was not taken; nothing was changed. " + string.Join(" ", problems.Take(QboLineFacts.MaxListed))
            + (problems.Count > QboLineFacts.MaxListed ? $" And {problems.Count - QboLineFacts.MaxListed} more." : ""));
}

/// <summary>A drifted document with its connection and link, or why the drift actions refuse it (shared by both actions).</summary>
internal sealed record DriftTarget(Connection.QboConnection? Connection, Document? Document, QboLink? Link, Outcome<DocumentSyncDto>? Refusal)
{
    public static async Task<DriftTarget> FindAsync(GroundworkDbContext db, long documentId, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Refuse(Outcome<DocumentSyncDto>.Conflict("QuickBooks is not connected."));
        var document = await db.Documents.Include(d => d.Lines).FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return Refuse(Outcome<DocumentSyncDto>.NotFound($"Document {documentId} was not found."));
        var noun = DocumentRules.Noun(document.Kind);
        var sync = await db.DocumentSyncs.AsNoTracking().FirstOrDefaultAsync(s => s.DocumentId == documentId, ct);
        if (sync?.Problem != ApplyQboChange.DriftProblem)
        {
            return Refuse(Outcome<DocumentSyncDto>.Conflict($"This {noun} has no changes from QuickBooks to settle: it is not flagged as changed in QuickBooks (drift)."));
        }
        var kind = SyncOutbox.LinkKind(document.Kind);
        var link = await db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connection.Id && l.Kind == kind && l.LocalId == documentId, ct);
        if (link is not { State: QboLinkState.Active }) return Refuse(Outcome<DocumentSyncDto>.Conflict($"This {noun} is not linked to a QuickBooks record any more."));
        if (!DocumentRules.IsFinalized(document)) return Refuse(Outcome<DocumentSyncDto>.Conflict($"Only a finalized {noun} syncs; this one is {document.Status}."));
        return new DriftTarget(connection, document, link, null);
    }

    private static DriftTarget Refuse(Outcome<DocumentSyncDto> refusal) => new(null, null, null, refusal);
}
