using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>A document's QuickBooks state as the API and pages show it (the <c>sync</c> object of an invoice or bill).</summary>
public sealed record DocumentSyncDto(string State, string? QboId, string? QboType, string? SyncToken, string? Message, string? Problem, DateTime? UpdatedAtUtc,
    DateTime? RetryAtUtc, string? QboUrl);

/// <summary>One audit-trail line of a document.</summary>
public sealed record SyncAuditDto(DateTime AtUtc, string Trigger, string Operation, string? Entity, string? RequestId, string Result, string? QboId,
    string? SyncToken, string? IntuitTid, string? Code, string? Message);

/// <summary>Reads documents' sync states: one rule for "Not synced / Queued / Synced / Needs attention / Retrying / Deleted in QuickBooks".</summary>
public sealed class DocumentSyncView(GroundworkDbContext db, IOptions<QboClientOptions> options)
{
    public async Task<Dictionary<long, DocumentSyncDto>> ForAsync(IReadOnlyCollection<long> documentIds, CancellationToken ct)
    {
        var connection = await db.QboConnections.AsNoTracking().Select(c => new { c.Id, c.RealmId }).FirstOrDefaultAsync(ct);
        var states = await db.DocumentSyncs.AsNoTracking().Where(s => documentIds.Contains(s.DocumentId)).ToDictionaryAsync(s => s.DocumentId, ct);
        var links = connection is null ? [] : await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connection.Id && (l.Kind == LinkedKind.Invoice || l.Kind == LinkedKind.Bill) && documentIds.Contains(l.LocalId))
            .ToDictionaryAsync(l => l.LocalId, ct);
        return documentIds.Distinct().ToDictionary(id => id, id =>
        {
            var s = states.GetValueOrDefault(id);
            var l = links.GetValueOrDefault(id);
            var state = s?.State ?? (l is null ? SyncState.NotSynced : SyncState.Synced);
            return new DocumentSyncDto(Camel(state), l?.QboId, l?.QboType, l?.SyncToken, s?.Message, s?.Problem, s?.UpdatedAtUtc ?? l?.UpdatedAtUtc,
                s?.RetryAtUtc, l is null || connection is null ? null : Url(connection.RealmId, l.QboType, l.QboId));
        });
    }

    public async Task<DocumentSyncDto> ForAsync(long documentId, CancellationToken ct) => (await ForAsync([documentId], ct))[documentId];

    public async Task<List<SyncAuditDto>> AuditAsync(DocumentKind kind, long documentId, CancellationToken ct)
    {
        var linked = SyncOutbox.LinkKind(kind);
        return (await db.QboSyncLog.AsNoTracking().Where(e => e.Kind == linked && e.LocalId == documentId).OrderByDescending(e => e.Id).Take(100).ToListAsync(ct))
            .Select(e => new SyncAuditDto(e.AtUtc, e.Trigger, e.Operation, e.Entity, e.RequestId, Camel(e.Result), e.QboId, e.SyncToken, e.IntuitTid, e.Code, e.Message))
            .ToList();
    }

    public static string Camel<T>(T value) where T : struct, Enum
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }

    public static string Label(string state) => state switch
    {
        "synced" => "Synced",
        "queued" => "Queued",
        "needsAttention" => "Needs attention",
        "retrying" => "Retrying",
        "waiting" => "Waiting",
        "deletedInQuickBooks" => "Deleted in QuickBooks",
        _ => "Not synced",
    };

    /// <summary>The record in QuickBooks: the emulator's UI for the emulator, app.qbo.intuit.com for real companies.</summary>
    public string Url(string realmId, string qboType, string qboId)
    {
        var o = options.Value;
        var page = qboType switch
        {
            "Bill" => "bill",
            "CreditMemo" => "creditmemo",
            "Payment" => "recvpayment",
            "BillPayment" => "billpayment",
            _ => "invoice",
        };
        // The emulator's record page (its list for the kind, then the id), as QuickBooks opens the transaction itself.
        var list = qboType switch
        {
            "Bill" => "bills",
            "BillPayment" => "billpayments",
            "CreditMemo" => "creditmemos",
            "Payment" => "payments",
            _ => "invoices",
        };
        return o.Environment switch
        {
            QboEnvironment.Production => $"https://app.qbo.intuit.com/app/{page}?txnId={Uri.EscapeDataString(qboId)}",
            QboEnvironment.Sandbox => $"https://app.sandbox.qbo.intuit.com/app/{page}?txnId={Uri.EscapeDataString(qboId)}",
            _ => new Uri(o.ResolveEndpoints().ApiBaseUrl, $"ui/{Uri.EscapeDataString(realmId)}/{list}/{Uri.EscapeDataString(qboId)}").ToString(),
        };
    }
}
