using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary>What an outbox row asks of QBO for its record.</summary>
public enum PushOperation
{
    /// <summary>Create the QBO record, or update it to match Groundwork.</summary>
    Push = 0,
    /// <summary>The Groundwork document was voided: void it in QBO (bills: zero it, see README).</summary>
    Void = 1,
    /// <summary>Create the document again after its QBO record was deleted there, under a new generation (a person asked).</summary>
    Repush = 2,
    /// <summary>The Groundwork record was deleted (a payment): delete its QBO record.</summary>
    Delete = 3,
}

/// <summary>
/// One record waiting to be pushed, written in the same transaction as the change that made it due and drained in order
/// by the company's <see cref="ICompanySyncGrain"/>. A row stays until its push ends (done or needing a person), so a
/// crash or restart resumes it; <see cref="Uncertain"/> says a write may have reached QBO without an answer.
/// </summary>
public sealed class QboOutboxEntry : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    /// <summary>Remove integration deletes the connection and, by cascade, what was waiting for it.</summary>
    public long ConnectionId { get; set; }
    public LinkedKind Kind { get; set; }
    public long LocalId { get; set; }
    public PushOperation Operation { get; set; }
    /// <summary>Who or what asked: a user's email, "automatic", "Push All".</summary>
    public required string Trigger { get; set; }
    /// <summary>The Push All / Push selected run this row belongs to, if any.</summary>
    public string? RunId { get; set; }
    /// <summary>
    /// The run took this row in rather than adding it (it was waiting already: an automatic push, a retry, an ended run's):
    /// cancelling the run leaves it queued. False on the rows a run adds, which a cancel drops.
    /// </summary>
    public bool Adopted { get; set; }
    public DateTime EnqueuedAtUtc { get; set; }
    /// <summary>Not before this time (a retry after a throttle or an outage).</summary>
    public DateTime DueAtUtc { get; set; }
    public int Attempts { get; set; }
    /// <summary>A write was sent and no answer came back: look the record up in QBO before writing again.</summary>
    public bool Uncertain { get; set; }
    /// <summary>
    /// Set while the row waits for something a drain cannot do (a payment whose documents are not in QuickBooks yet, or whose
    /// bank account is not chosen): the drain skips it until the cause is gone. The code decides what releases it.
    /// </summary>
    public string? WaitCode { get; set; }
    /// <summary>Why it waits, in words for the user.</summary>
    public string? WaitReason { get; set; }
}

/// <summary>Where a finalized document stands with QuickBooks, as shown on lists and the document page.</summary>
public enum SyncState
{
    NotSynced = 0,
    Queued = 1,
    Synced = 2,
    NeedsAttention = 3,
    Retrying = 4,
    /// <summary>The QBO record was deleted in QuickBooks: the link is kept (state Deleted) until a deliberate re-push.</summary>
    DeletedInQuickBooks = 5,
}

/// <summary>
/// The sync state of one document, apart from the document so a push never bumps the document's version (a user's
/// edit is never refused because the sync engine touched the row). The QBO id and SyncToken live on the document's link.
/// </summary>
public sealed class DocumentSync : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long ConnectionId { get; set; }
    public long DocumentId { get; set; }
    public SyncState State { get; set; }
    /// <summary>Why it needs attention or is retrying, in words for the user; null when synced.</summary>
    public string? Message { get; set; }
    /// <summary>The problem's code (a pre-flight check, or "qbo-{code}"), which decides the fix offered.</summary>
    public string? Problem { get; set; }
    public DateTime? RetryAtUtc { get; set; }
    public string? IntuitTid { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>How one QBO request (or a check that kept it from being sent) ended.</summary>
public enum SyncResult
{
    Succeeded = 0,
    /// <summary>QBO refused it or did not answer.</summary>
    Failed = 1,
    /// <summary>Pre-flight refused it: QBO never saw it.</summary>
    Refused = 2,
    /// <summary>After an uncertain write the record was found in QBO: nothing written twice.</summary>
    Found = 3,
}

/// <summary>One line of the transactions log (and of a document's audit trail): a QBO request or a refused push.</summary>
public sealed class QboSyncLogEntry : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public DateTime AtUtc { get; set; }
    public LinkedKind Kind { get; set; }
    public long LocalId { get; set; }
    /// <summary>The document number or name, as it was, so the log reads without joins.</summary>
    public string? Reference { get; set; }
    public required string Trigger { get; set; }
    /// <summary>create, update, void, delete, lookup, check.</summary>
    public required string Operation { get; set; }
    /// <summary>The QBO entity (Invoice, CreditMemo, Bill, Customer, Vendor).</summary>
    public string? Entity { get; set; }
    public string? RequestId { get; set; }
    public SyncResult Result { get; set; }
    public string? QboId { get; set; }
    public string? SyncToken { get; set; }
    public string? IntuitTid { get; set; }
    public string? Code { get; set; }
    public string? Message { get; set; }
}

public enum PushRunState
{
    Running = 0,
    Finished = 1,
    Cancelled = 2,
}

/// <summary>A Push All or a push of selected documents: what the progress bar shows. Its rows are the outbox rows with its id.</summary>
public sealed class PushRun : ITenantOwned
{
    /// <summary>A GUID ("N" format).</summary>
    public required string Id { get; set; }
    public long OrganizationId { get; set; }
    public long ConnectionId { get; set; }
    public required string StartedBy { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public bool All { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public int Failed { get; set; }
    public PushRunState State { get; set; }
    /// <summary>The organization id while running, null after: unique, so two Push All presses start one run.</summary>
    public long? RunningKey { get; set; }
}

internal sealed class SyncEntitiesConfiguration :
    IEntityTypeConfiguration<QboOutboxEntry>, IEntityTypeConfiguration<DocumentSync>, IEntityTypeConfiguration<QboSyncLogEntry>, IEntityTypeConfiguration<PushRun>
{
    public void Configure(EntityTypeBuilder<QboOutboxEntry> b)
    {
        b.ToTable("QboOutbox");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Operation).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Trigger).HasMaxLength(256).IsRequired();
        b.Property(e => e.RunId).HasMaxLength(32);
        b.Property(e => e.WaitCode).HasMaxLength(32);
        b.Property(e => e.WaitReason).HasMaxLength(1000);
        b.HasIndex(e => new { e.OrganizationId, e.DueAtUtc });
        b.HasIndex(e => new { e.OrganizationId, e.Kind, e.LocalId });
        b.HasIndex(e => e.RunId);
        b.HasOne<Connection.QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<DocumentSync> b)
    {
        b.ToTable("DocumentSyncs");
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(32);
        b.Property(e => e.Message).HasMaxLength(2000);
        b.Property(e => e.Problem).HasMaxLength(32);
        b.Property(e => e.IntuitTid).HasMaxLength(64);
        b.HasIndex(e => e.DocumentId).IsUnique();
        b.HasIndex(e => new { e.OrganizationId, e.State });
        b.HasOne<Documents.Document>().WithMany().HasForeignKey(e => e.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Connection.QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QboSyncLogEntry> b)
    {
        b.ToTable("QboSyncLog");
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Result).HasConversion<string>().HasMaxLength(16);
        b.Property(e => e.Reference).HasMaxLength(Limits.Name);
        b.Property(e => e.Trigger).HasMaxLength(256).IsRequired();
        b.Property(e => e.Operation).HasMaxLength(16).IsRequired();
        b.Property(e => e.Entity).HasMaxLength(32);
        b.Property(e => e.RequestId).HasMaxLength(50);
        b.Property(e => e.QboId).HasMaxLength(64);
        b.Property(e => e.SyncToken).HasMaxLength(32);
        b.Property(e => e.IntuitTid).HasMaxLength(64);
        b.Property(e => e.Code).HasMaxLength(32);
        b.Property(e => e.Message).HasMaxLength(2000);
        b.HasIndex(e => new { e.OrganizationId, e.AtUtc });
        b.HasIndex(e => new { e.OrganizationId, e.Kind, e.LocalId });
    }

    public void Configure(EntityTypeBuilder<PushRun> b)
    {
        b.ToTable("PushRuns");
        b.Property(e => e.Id).HasMaxLength(32);
        b.Property(e => e.StartedBy).HasMaxLength(256).IsRequired();
        b.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(e => e.RunningKey).IsUnique();
        b.HasOne<Connection.QboConnection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
