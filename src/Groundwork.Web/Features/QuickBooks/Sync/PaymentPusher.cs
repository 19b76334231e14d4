using System.Globalization;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.Payments;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>
/// A payment recorded in Groundwork, made in QBO: a Payment (invoices) or BillPayment (bills, from the account chosen once
/// per organization) linked to the documents' QBO records, exactly once — <c>gw-pay-{paymentId}-{generation}-{op}</c> on
/// every write, a lookup by Groundwork's marker after an unanswered create, and the link table's unique keys. A payment
/// whose documents are not in QuickBooks yet, or whose bank account is not chosen, waits with its reason (the drain skips
/// it) instead of failing. A deleted payment is deleted in QBO.
/// </summary>
/// <param name="pageSize">Rows per page of the marker lookup (QBO's maximum, 1,000, unless the limits options say fewer).</param>
internal sealed class PaymentPusher(GroundworkDbContext db, QboWrites qbo, SyncJournal journal, int pageSize = QboQuery.MaxPageSize)
{
    /// <summary>Waits until every document it pays is linked to its QBO record (released by the drain).</summary>
    public const string WaitDocuments = "payment-documents";
    /// <summary>Waits until a bill payment account is chosen (released by the setting).</summary>
    public const string WaitAccount = "payment-account";
    /// <summary>QuickBooks cannot take it as it is (refused, or the documents went to different customers): a person decides.</summary>
    public const string Refused = "payment-refused";
    /// <summary>
    /// A person chose to keep it in Groundwork only: never pushed, not listed as unsynced, until someone retries it. The sync
    /// state's problem code; the mark itself is on the payment (<see cref="Payment.SyncDismissedAtUtc"/>).
    /// </summary>
    public const string Dismissed = "payment-dismissed";

    /// <summary>Where the bill payment account is chosen.</summary>
    public const string AccountFixUrl = "/Settings/Integrations/QuickBooks/BillPayments";

    /// <summary>Most pages the marker lookup reads (narrowed to the payment's date and party, far fewer are ever needed).</summary>
    public const int MaxLookupPages = 100;

    /// <summary>QBO's PaymentRefNum and DocNumber hold 21 characters; the full reference stays in the note.</summary>
    private const int QboNumberLength = 21;

    public static string Marker(long paymentId) => $"[groundwork:payment:{paymentId}]";

    /// <summary>≤ 50 characters: QBO's limit for a requestid.</summary>
    public static string RequestId(long paymentId, int generation, string op) => $"gw-pay-{paymentId}-{generation}-{op}";

    public static string Label(long paymentId) => $"Payment {paymentId}";

    public async Task<PushEnd> PushAsync(QboConnection connection, List<QboOutboxEntry> rows, CancellationToken ct)
    {
        var entry = rows[^1];
        if (rows.Any(r => r.Operation == PushOperation.Delete)) return await DeleteAsync(connection, rows, ct);
        var payment = await db.Payments.Include(p => p.Applications).ThenInclude(a => a.Document).FirstOrDefaultAsync(p => p.Id == entry.LocalId, ct);
        // Deleted before it was pushed, or already in QuickBooks (pushed before, or made there): nothing to write.
        if (payment is null || await LinkAsync(connection.Id, entry.LocalId, ct) is not null) return PushEnd.Synced;
        var documents = await DocumentLinksAsync(connection.Id, payment, ct);
        var missing = payment.Applications.Where(a => documents.GetValueOrDefault(a.DocumentId) is not { State: not QboLinkState.Deleted })
            .Select(a => a.Document!.Number).ToList();
        if (missing.Count > 0)
        {
            return Wait(rows, WaitDocuments, WaitingFor(missing));
        }
        if (payment.Kind == DocumentKind.Bill && connection.BillPaymentAccountId is null)
        {
            return Wait(rows, WaitAccount,
                "Waiting for the bill payment account: choose the bank or credit card account bills are paid from (Settings → Integrations → QuickBooks → Bill payments); the payment is pushed then.");
        }
        var parties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in documents.Values)
        {
            parties.Add(payment.Kind == DocumentKind.Invoice
                ? (await qbo.ReadAsync<QboInvoice>(link.QboId, ct)).Value.CustomerRef?.Value ?? ""
                : (await qbo.ReadAsync<QboBill>(link.QboId, ct)).Value.VendorRef?.Value ?? "");
        }
        if (parties.Count != 1)
        {
            return Wait(rows, Refused, payment.Kind == DocumentKind.Invoice
                ? "Its invoices went to different QuickBooks customers (sub-customers), and a QuickBooks payment names one: delete it and record one payment per location."
                : "Its bills went to different QuickBooks vendors, and a QuickBooks bill payment names one: delete it and record one payment per vendor.");
        }
        var wire = ToWire(connection, payment, documents, parties.Single());
        var entity = payment.Kind == DocumentKind.Invoice ? QboEntities.Payment : QboEntities.BillPayment;
        // A refusal is stored with its requestid (QBO answers a repeated one with the stored answer), so each try after one gets a new id.
        var refusals = await db.QboSyncLog.CountAsync(e => e.Kind == LinkedKind.Payment && e.LocalId == payment.Id && e.Operation == "create" && e.Result == SyncResult.Failed, ct);
        var requestId = RequestId(payment.Id, refusals, "create");
        QboTransaction saved;
        var found = entry.Uncertain ? await FindAsync(entity, Marker(payment.Id), payment.Date, parties.Single(), ct) : null;
        if (found is not null)
        {
            saved = found;
            journal.Add(LinkedKind.Payment, payment.Id, Label(payment.Id), entry.Trigger, "lookup", entity, null, SyncResult.Found, found.Id, found.SyncToken,
                message: "Found in QuickBooks by Groundwork's marker after an unanswered create; not created again.");
        }
        else
        {
            // Written before the write (directly: the rows are not tracked): if the answer is lost, or this process dies, the next attempt looks first.
            var ids = rows.Select(r => r.Id).ToList();
            await db.QboOutbox.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, true), ct);
            entry.Uncertain = true;
            string? tid;
            try
            {
                (saved, tid) = wire switch
                {
                    QboPayment p => Unwrap(await qbo.CreateAsync(p, requestId, ct)),
                    QboBillPayment b => Unwrap(await qbo.CreateAsync(b, requestId, ct)),
                    _ => throw new NotSupportedException(wire.GetType().Name),
                };
            }
            catch (QboException ex) when (IsRefusal(ex))
            {
                return await RefusedAsync(rows, payment.Id, entity, requestId, ex, ct);
            }
            journal.Add(LinkedKind.Payment, payment.Id, Label(payment.Id), entry.Trigger, "create", entity, requestId, SyncResult.Succeeded, saved.Id, saved.SyncToken, tid,
                message: $"{DocumentMath.Format(payment.AmountCents)} applied to {string.Join(", ", payment.Applications.Select(a => a.Document!.Number))}.");
        }
        var created = new QboLink { ConnectionId = connection.Id, Kind = LinkedKind.Payment, LocalId = payment.Id, Source = QboLinkSource.Created, SyncToken = saved.SyncToken };
        created.PointAt(entity, saved.Id!, payment.Reference ?? Label(payment.Id));
        db.QboLinks.Add(created);
        return PushEnd.Synced;
    }

    /// <summary>Why a payment waits for its documents, naming those not in QuickBooks yet.</summary>
    public static string WaitingFor(IEnumerable<string> numbers) =>
        DocumentSyncs.Clip($"Waiting for {string.Join(", ", numbers)} to reach QuickBooks; the payment is pushed right after.", 1000)!;

    /// <summary>
    /// Releases payments waiting for their documents once every one of them is linked (a drain runs this first). One
    /// statement for every waiting row, so however many wait (all of those recorded before connecting), none is passed over.
    /// </summary>
    public static Task ReleaseAsync(GroundworkDbContext db, DateTime now, CancellationToken ct) =>
        db.QboOutbox.Where(e => e.WaitCode == WaitDocuments && !db.PaymentApplications.Any(a => a.PaymentId == e.LocalId && !db.QboLinks.Any(l =>
                l.LocalId == a.DocumentId && l.State != QboLinkState.Deleted
                && ((a.Document!.Kind == DocumentKind.Invoice && l.Kind == LinkedKind.Invoice) || (a.Document.Kind == DocumentKind.Bill && l.Kind == LinkedKind.Bill)))))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.WaitCode, (string?)null).SetProperty(e => e.WaitReason, (string?)null).SetProperty(e => e.DueAtUtc, now), ct);

    private async Task<PushEnd> DeleteAsync(QboConnection connection, List<QboOutboxEntry> rows, CancellationToken ct)
    {
        var entry = rows[^1];
        var paymentId = entry.LocalId;
        var link = await LinkAsync(connection.Id, paymentId, ct);
        var (entity, qboId) = (link?.QboType, link?.QboId);
        if (link is null)
        {
            // Never linked: QuickBooks can only have it if a create went unanswered; then it carries the marker.
            var uncertain = await db.QboOutbox.AnyAsync(e => e.Kind == LinkedKind.Payment && e.LocalId == paymentId && e.Uncertain, ct) || rows.Any(r => r.Uncertain);
            var found = uncertain
                ? await FindAsync(QboEntities.Payment, Marker(paymentId), null, null, ct) ?? await FindAsync(QboEntities.BillPayment, Marker(paymentId), null, null, ct)
                : null;
            if (found is null) return await DoneAsync(paymentId, ct);
            (entity, qboId) = (found is QboPayment ? QboEntities.Payment : QboEntities.BillPayment, found.Id);
        }
        var generation = link?.Generation ?? 0;
        var requestId = RequestId(paymentId, generation, "delete");
        try
        {
            // Read first: QuickBooks may have changed it since (a new SyncToken), and a delete needs the current one.
            var tid = entity == QboEntities.Payment
                ? (await qbo.DeleteAsync<QboPayment>(qboId!, (await qbo.ReadAsync<QboPayment>(qboId!, ct)).Value.SyncToken ?? "0", requestId, ct)).IntuitTid
                : (await qbo.DeleteAsync<QboBillPayment>(qboId!, (await qbo.ReadAsync<QboBillPayment>(qboId!, ct)).Value.SyncToken ?? "0", requestId, ct)).IntuitTid;
            journal.Add(LinkedKind.Payment, paymentId, Label(paymentId), entry.Trigger, "delete", entity, requestId, SyncResult.Succeeded, qboId, intuitTid: tid,
                message: "Deleted in Groundwork, so deleted in QuickBooks.");
        }
        catch (QboException ex) when (ex.Fault.Code == QboFault.ObjectNotFoundCode)
        {
            journal.Add(LinkedKind.Payment, paymentId, Label(paymentId), entry.Trigger, "delete", entity, requestId, SyncResult.Found, qboId, intuitTid: ex.IntuitTid,
                message: "Already gone from QuickBooks; nothing deleted.");
        }
        if (link is not null) db.QboLinks.Remove(link);
        return await DoneAsync(paymentId, ct);
    }

    /// <summary>Rows of a deleted payment that wait (for documents or an account) are moot: removed with the delete's own.</summary>
    private async Task<PushEnd> DoneAsync(long paymentId, CancellationToken ct)
    {
        await db.QboOutbox.Where(e => e.Kind == LinkedKind.Payment && e.LocalId == paymentId && e.WaitCode != null).ExecuteDeleteAsync(ct);
        return PushEnd.Synced;
    }

    /// <summary>QBO answered and said no (a validation or business fault): nothing was created, so the row is certain again.</summary>
    internal static bool IsRefusal(QboException ex) =>
        ex.StatusCode is { } status && (int)status is >= 400 and < 500 && status != System.Net.HttpStatusCode.TooManyRequests;

    /// <summary>
    /// Logged with its requestid, code and intuit_tid (the count of these gives the next try its requestid), and waits for a
    /// person: retried after a fix, or dismissed. Saved here: the drain clears its tracker after writing the wait.
    /// </summary>
    private async Task<PushEnd> RefusedAsync(List<QboOutboxEntry> rows, long paymentId, string entity, string requestId, QboException ex, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToList();
        await db.QboOutbox.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.Uncertain, false), ct);
        foreach (var row in rows) row.Uncertain = false;
        journal.Failed(LinkedKind.Payment, paymentId, Label(paymentId), rows[^1].Trigger, "create", entity, requestId, ex);
        await db.SaveChangesAsync(ct);
        return Wait(rows, Refused, DocumentSyncs.Clip(
            $"QuickBooks refused it: {SyncJournal.Describe(ex)} (code {ex.Fault.Code ?? "none"}, intuit_tid {ex.IntuitTid ?? "none"}). Fix the cause and retry it, or dismiss it.", 1000)!);
    }

    private static PushEnd Wait(List<QboOutboxEntry> rows, string code, string reason)
    {
        foreach (var row in rows)
        {
            row.WaitCode = code;
            row.WaitReason = reason;
        }
        return PushEnd.Waiting;
    }

    private Task<QboLink?> LinkAsync(long connectionId, long paymentId, CancellationToken ct) =>
        db.QboLinks.FirstOrDefaultAsync(l => l.ConnectionId == connectionId && l.Kind == LinkedKind.Payment && l.LocalId == paymentId, ct);

    private async Task<Dictionary<long, QboLink>> DocumentLinksAsync(long connectionId, Payment payment, CancellationToken ct)
    {
        var kind = SyncOutbox.LinkKind(payment.Kind);
        var ids = payment.Applications.Select(a => a.DocumentId).ToList();
        return await db.QboLinks.Where(l => l.ConnectionId == connectionId && l.Kind == kind && ids.Contains(l.LocalId)).ToDictionaryAsync(l => l.LocalId, ct);
    }

    private static QboTransaction ToWire(QboConnection connection, Payment payment, Dictionary<long, QboLink> documents, string party)
    {
        var lines = payment.Applications.Select(a => new QboLine
        {
            Amount = a.AmountCents / 100m,
            LinkedTxn = [new QboLinkedTxn { TxnId = documents[a.DocumentId].QboId, TxnType = documents[a.DocumentId].QboType }],
        }).ToList();
        var note = $"Groundwork payment{(payment.Reference is { } r ? " " + r : "")} {Marker(payment.Id)}";
        var number = payment.Reference is { Length: > QboNumberLength } full ? full[..QboNumberLength] : payment.Reference;
        if (payment.Kind == DocumentKind.Invoice)
        {
            return new QboPayment
            {
                CustomerRef = new QboRef(party), TotalAmt = payment.AmountCents / 100m, TxnDate = payment.Date, PaymentRefNum = number, PrivateNote = note, Line = lines,
            };
        }
        var card = connection.BillPaymentAccountType == BillPayments.BillPaymentAccounts.CreditCard;
        return new QboBillPayment
        {
            VendorRef = new QboRef(party), TotalAmt = payment.AmountCents / 100m, TxnDate = payment.Date, DocNumber = number, PrivateNote = note, Line = lines,
            PayType = card ? "CreditCard" : "Check",
            CheckPayment = card ? null : new QboCheckPayment { BankAccountRef = new QboRef(connection.BillPaymentAccountId!) },
            CreditCardPayment = card ? new QboCreditCardPayment { CCAccountRef = new QboRef(connection.BillPaymentAccountId!) } : null,
        };
    }

    /// <summary>
    /// After an unanswered create: the payment in QBO carrying this payment's marker. PrivateNote cannot be queried, so the
    /// query is narrowed to the payment's date and party when known and read page by page (STARTPOSITION, ordered by Id)
    /// until the marker turns up or a short page ends the list: a company with thousands of payments still finds it.
    /// </summary>
    private async Task<QboTransaction?> FindAsync(string entity, string marker, DateOnly? date, string? party, CancellationToken ct)
    {
        var query = QboQuery.From(entity);
        if (date is { } d) query = query.WhereEquals("TxnDate", d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (party is { Length: > 0 }) query = query.WhereEquals(entity == QboEntities.Payment ? "CustomerRef" : "VendorRef", party);
        query = query.OrderBy("Id");
        var size = Math.Clamp(pageSize, 1, QboQuery.MaxPageSize);
        for (var page = 0; page < MaxLookupPages; page++)
        {
            var paged = query.StartPosition(page * size + 1).MaxResults(size);
            IReadOnlyList<QboTransaction> found = entity == QboEntities.Payment ? await qbo.QueryAsync<QboPayment>(paged, ct) : await qbo.QueryAsync<QboBillPayment>(paged, ct);
            if (found.FirstOrDefault(t => t.PrivateNote?.Contains(marker, StringComparison.Ordinal) == true) is { } hit) return hit;
            if (found.Count < size) return null;
        }
        return null;
    }

    private static (QboTransaction, string?) Unwrap<T>(QboResult<T> result) where T : QboTransaction => (result.Value, result.IntuitTid);
}
