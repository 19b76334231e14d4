using Groundwork.Web.Data;
using Groundwork.Web.Features.Customers;
using Groundwork.Web.Features.Jobs;
using Groundwork.Web.Features.Vendors;

namespace Groundwork.Web.Features.Documents;

public enum DocumentKind
{
    Invoice = 0,
    Bill = 1,
}

public enum DocumentStatus
{
    Draft = 0,
    /// <summary>An invoice that was finalized (sent); it syncs.</summary>
    Pending = 1,
    /// <summary>A bill that was approved; it syncs.</summary>
    Approved = 2,
    /// <summary>A bill that was rejected (denied); it does not sync.</summary>
    Rejected = 3,
    PartiallyPaid = 4,
    Paid = 5,
    Void = 6,
}

/// <summary>A customer invoice or a vendor bill for a job. Money is in cents.</summary>
public sealed class Document : TenantEntity
{
    public DocumentKind Kind { get; set; }
    public required string Number { get; set; }
    public long JobId { get; set; }
    public Job? Job { get; set; }
    /// <summary>Set for invoices: the job's customer at the time the invoice was made.</summary>
    public long? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    /// <summary>Set for bills.</summary>
    public long? VendorId { get; set; }
    public Vendor? Vendor { get; set; }
    public DateOnly IssueDate { get; set; }
    public DateOnly? DueDate { get; set; }
    public DocumentStatus Status { get; set; }
    public string? Memo { get; set; }
    /// <summary>Tax rate applied to taxable lines, hundredths of a percent; copied from the job's location.</summary>
    public int TaxRateBasisPoints { get; set; }
    public long SubtotalCents { get; set; }
    public long TaxCents { get; set; }
    public long TotalCents { get; set; }
    public long PaidCents { get; set; }
    public long BalanceCents => TotalCents - PaidCents;
    public List<DocumentLine> Lines { get; set; } = [];
    public List<DocumentStatusChange> StatusChanges { get; set; } = [];

    /// <summary>See <see cref="DocumentRules.IsEditable"/>; a property so pages can bind to it.</summary>
    public bool IsEditable => DocumentRules.IsEditable(this);
}

public sealed class DocumentLine : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long DocumentId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public long? CostCodeId { get; set; }
    public long? CostTypeId { get; set; }
    public decimal Quantity { get; set; }
    /// <summary>Unit price (invoice) or unit cost (bill), in cents.</summary>
    public long UnitAmountCents { get; set; }
    public long AmountCents { get; set; }
    public bool Taxable { get; set; }
}

public sealed class DocumentStatusChange : ITenantOwned
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public long DocumentId { get; set; }
    public DocumentStatus? From { get; set; }
    public DocumentStatus To { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ByUser { get; set; }
    public string? Note { get; set; }
}
