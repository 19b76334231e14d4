using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// A credit memo made in QuickBooks for a linked customer (or sub-customer) and linked to no Groundwork document: it waits
/// here for its offsetting negative invoice (the brief's practice). One row per QBO credit memo and connection, kept up to
/// date by later changes, removed when QuickBooks deletes or voids it, or when its negative invoice is made.
/// </summary>
public sealed class IncomingCreditMemo : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ConnectionId { get; set; }
    public required string QboId { get; set; }
    public string? SyncToken { get; set; }
    public string? DocNumber { get; set; }
    public DateOnly? TxnDate { get; set; }
    /// <summary>The QBO customer or sub-customer it is for (linked to a Groundwork customer, location or job).</summary>
    public required string CustomerQboId { get; set; }
    public string? CustomerName { get; set; }
    public long TotalCents { get; set; }
    /// <summary>Credit not yet applied in QuickBooks.</summary>
    public long RemainingCents { get; set; }
    public int LineCount { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

internal sealed class IncomingCreditMemoConfiguration : IEntityTypeConfiguration<IncomingCreditMemo>
{
    public void Configure(EntityTypeBuilder<IncomingCreditMemo> b)
    {
        b.ToTable("QboIncomingCreditMemos");
        b.Property(e => e.QboId).HasMaxLength(64);
        b.Property(e => e.SyncToken).HasMaxLength(32);
        b.Property(e => e.DocNumber).HasMaxLength(Limits.DocumentNumber);
        b.Property(e => e.CustomerQboId).HasMaxLength(64);
        b.Property(e => e.CustomerName).HasMaxLength(Limits.Name * 5);
        b.HasIndex(e => new { e.ConnectionId, e.QboId }).IsUnique();
        b.HasOne<Connection.QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Records what QuickBooks says about an unlinked credit memo (webhook or CDC): kept while it is for a linked customer,
/// sub-customer or job and not Groundwork's own (its marker), removed when deleted or voided there. Writes no document and
/// queues nothing.
/// </summary>
public sealed class QboCreditMemoRecorder(GroundworkDbContext db, AppClock clock)
{
    /// <summary>The link kinds a QBO customer reference can stand for.</summary>
    public static readonly LinkedKind[] CustomerKinds = [LinkedKind.Customer, LinkedKind.Location, LinkedKind.Job];

    public async Task<string> RecordAsync(long connectionId, QboChange change, CancellationToken ct)
    {
        var row = await db.Set<IncomingCreditMemo>().FirstOrDefaultAsync(m => m.ConnectionId == connectionId && m.QboId == change.Id, ct);
        var outcome = await KeepAsync(connectionId, change, ct);
        if (outcome is not null)
        {
            if (row is null) return outcome;
            db.Remove(row);
            await db.SaveChangesAsync(ct);
            return outcome + "; removed from the credit memos awaiting an offset";
        }
        var memo = (QboCreditMemo)change.Current!;
        var state = QboDocumentFacts.Read(memo);
        var customer = memo.CustomerRef!;
        if (row is null)
        {
            row = new IncomingCreditMemo { ConnectionId = connectionId, QboId = change.Id, CustomerQboId = customer.Value };
            db.Add(row);
        }
        row.SyncToken = memo.SyncToken;
        row.DocNumber = DocumentSyncs.Clip(memo.DocNumber, Limits.DocumentNumber);
        row.TxnDate = memo.TxnDate;
        row.CustomerQboId = customer.Value;
        row.CustomerName = DocumentSyncs.Clip(customer.Name, Limits.Name * 5);
        row.TotalCents = state.TotalCents;
        row.RemainingCents = checked(state.TotalCents - (state.PaidCents ?? 0));
        row.LineCount = QboLineFacts.Read(memo).Count;
        row.UpdatedAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(ct);
        return "recorded: credit memo awaiting an offsetting invoice";
    }

    /// <summary>Why the credit memo is not (or no longer) one to offset; null when it is.</summary>
    private async Task<string?> KeepAsync(long connectionId, QboChange change, CancellationToken ct)
    {
        if (change.Current is not QboCreditMemo memo) return "credit memo deleted in QuickBooks";
        if (QboDocumentFacts.IsVoided(memo)) return "credit memo voided in QuickBooks";
        if (memo.PrivateNote?.Contains("[groundwork:", StringComparison.Ordinal) == true) return "ignored: Groundwork's own credit memo";
        if (memo.CustomerRef?.Value is not { } customer) return "ignored: no customer";
        var identity = ApplyQboChange.Identity("Customer", customer);
        var linked = await db.QboLinks.AnyAsync(l => l.ConnectionId == connectionId && l.QboIdentity == identity && CustomerKinds.Contains(l.Kind), ct);
        return linked ? null : "ignored: customer not linked";
    }
}
