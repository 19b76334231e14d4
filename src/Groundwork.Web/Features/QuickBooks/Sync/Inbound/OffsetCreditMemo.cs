using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>The negative invoice made for a QBO credit memo.</summary>
public sealed record OffsetDto(long InvoiceId, string Number, long TotalCents, string Status, DocumentSyncDto Sync);

/// <summary>
/// "Create the offsetting negative invoice" for a credit memo made in QuickBooks (the brief's practice): a finalized
/// negative invoice for the customer's job with the memo's lines (mapped back as a take of QBO's version is), linked to
/// the QBO CreditMemo as its record — so the push engine treats it as synced and updates that credit memo, never creating
/// a second one. Nothing is queued. QBO's credit already applied there is applied here at once (the status-back rule).
/// </summary>
public sealed class OffsetCreditMemo(GroundworkDbContext db, IQboChangeFeed feed, PushPlanner planner, ApplyQboChange apply, DocumentHistory history,
    SyncJournal journal, DocumentSyncView view, OrganizationCalendar calendar, AppClock clock, IHttpContextAccessor http) : IUseCase
{
    public async Task<Outcome<OffsetDto>> HandleAsync(long id, long? jobId, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<OffsetDto>.Conflict("QuickBooks is not connected.");
        var row = await db.Set<IncomingCreditMemo>().FirstOrDefaultAsync(m => m.Id == id && m.ConnectionId == connection.Id, ct);
        if (row is null) return Outcome<OffsetDto>.NotFound("This credit memo is not awaiting an offset: it was offset already, or QuickBooks voided or deleted it.");
        var identity = ApplyQboChange.Identity(QboEntities.CreditMemo, row.QboId);
        if (await db.QboLinks.AnyAsync(l => l.ConnectionId == connection.Id && l.QboIdentity == identity, ct))
        {
            db.Remove(row);
            await db.SaveChangesAsync(ct);
            return Outcome<OffsetDto>.Conflict($"QuickBooks' credit memo {row.QboId} is already linked to a Groundwork invoice.");
        }
        var change = await feed.ReadAsync(QboEntities.CreditMemo, row.QboId, ct);
        if (change.Current is not QboCreditMemo memo || QboDocumentFacts.IsVoided(memo))
        {
            await apply.HandleAsync(connection.Id, change, ct);
            return Outcome<OffsetDto>.Conflict($"QuickBooks' credit memo {row.QboId} was {(change.Deleted ? "deleted" : "voided")} there; there is nothing to offset.");
        }
        var (job, problem) = await QboParty.JobAsync(db, connection.Id, memo.CustomerRef?.Value ?? "", memo.CustomerRef?.Name, null, jobId, ct);
        if (job is not { } chosen) return Outcome<OffsetDto>.Conflict($"The offsetting invoice was not made. {problem}");
        var settings = await planner.SettingsAsync(connection, salesTaxCodeId: null, ct);
        var (lines, problems) = QboLineTake.Take(QboLineFacts.Read(memo), settings, sign: -1, invoice: true, current: []);
        if (problems.Count > 0) return Outcome<OffsetDto>.Conflict("The offsetting invoice was not made; nothing was changed. " + string.Join(" ", problems.Take(QboLineFacts.MaxListed)));

        var location = await db.Jobs.AsNoTracking().Where(j => j.Id == chosen).Select(j => new { j.Location!.CustomerId, j.Location.TaxRateBasisPoints }).FirstAsync(ct);
        var state = QboDocumentFacts.Read(memo);
        var document = new Document
        {
            Kind = DocumentKind.Invoice, Number = Number(memo), JobId = chosen, CustomerId = location.CustomerId, Status = DocumentStatus.Pending,
            IssueDate = memo.TxnDate ?? await calendar.TodayAsync(ct), TaxRateBasisPoints = location.TaxRateBasisPoints ?? 0, Lines = lines,
            Memo = $"Offsets QuickBooks credit memo {memo.DocNumber ?? memo.Id}.",
        };
        DocumentMath.Recalculate(document);
        if (document.TotalCents != -state.TotalCents)
        {
            return Outcome<OffsetDto>.Conflict($"The offsetting invoice was not made: with the credit memo's lines its total would be {DocumentMath.Format(document.TotalCents)}, " +
                $"but the credit memo is {DocumentMath.Format(state.TotalCents)} (tax differs at the job's location). Check the credit memo's tax in QuickBooks.");
        }
        if (DocumentMath.OutOfRange(document) is { } tooLarge) return Outcome<OffsetDto>.Conflict($"The offsetting invoice was not made. {tooLarge}");
        var source = $"QuickBooks CreditMemo id {memo.Id}";
        history.Record(document, null, DocumentStatus.Pending, $"From QuickBooks: the offsetting negative invoice of {source}");

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            db.Documents.Add(document);
            var first = await SaveChanges.TryAsync(db, document, "number", $"An invoice numbered {document.Number} already exists.", ct);
            if (!first.IsOk) return Outcome<OffsetDto>.Conflict($"The offsetting invoice was not made: {first.Message ?? first.Errors.Values.First()[0]}");
            var link = new QboLink { ConnectionId = connection.Id, Kind = LinkedKind.Invoice, LocalId = document.Id, Source = QboLinkSource.Imported, SyncToken = memo.SyncToken };
            link.PointAt(QboEntities.CreditMemo, memo.Id!, memo.DocNumber);
            db.QboLinks.Add(link);
            await DocumentSyncs.SetAsync(db, connection.Id, document.Id, SyncState.Synced, $"Offsets {source}.", null, null, clock.UtcNow, ct);
            journal.Add(LinkedKind.Invoice, document.Id, document.Number, http.HttpContext?.User.Identity?.Name ?? SyncOutbox.Automatic, "offset", QboEntities.CreditMemo,
                null, SyncResult.Succeeded, memo.Id, memo.SyncToken, message: $"Negative invoice {document.Number} made to offset {source}; linked, not pushed.");
            db.Remove(row);
            var second = await SaveChanges.TryAsync(db, document, "number", "", ct);
            if (!second.IsOk) return Outcome<OffsetDto>.Conflict($"QuickBooks' credit memo {memo.Id} was linked meanwhile; nothing was made.");
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        // Credit QBO applied already (or meanwhile) settles the invoice, by the same rule as any change from QuickBooks.
        if (state.PaidCents is > 0) await apply.HandleAsync(connection.Id, change, ct);
        var saved = await db.Documents.AsNoTracking().FirstAsync(d => d.Id == document.Id, ct);
        return Outcome<OffsetDto>.Ok(new OffsetDto(saved.Id, saved.Number, saved.TotalCents, saved.Status.ToString(), await view.ForAsync(saved.Id, ct)));
    }

    /// <summary>"CM-" and QBO's number for it (its id when it has none), within Groundwork's 21 characters.</summary>
    private static string Number(QboCreditMemo memo)
    {
        var number = "CM-" + (memo.DocNumber ?? memo.Id);
        return number.Length <= Limits.DocumentNumber ? number : number[..Limits.DocumentNumber];
    }
}
