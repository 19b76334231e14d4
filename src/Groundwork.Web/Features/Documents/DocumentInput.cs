using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;

namespace Groundwork.Web.Features.Documents;

public sealed class DocumentInput
{
    /// <summary>Leave empty to get the next number.</summary>
    [StringLength(Limits.DocumentNumber, ErrorMessage = "Number can be at most 21 characters (QuickBooks' limit).")]
    public string? Number { get; set; }
    [Range(1, long.MaxValue, ErrorMessage = "Choose a job.")]
    public long JobId { get; set; }
    /// <summary>Required for bills; ignored for invoices (the job's customer is used).</summary>
    public long? VendorId { get; set; }
    public DateOnly? IssueDate { get; set; }
    public DateOnly? DueDate { get; set; }
    [StringLength(Limits.Memo)] public string? Memo { get; set; }
    public List<LineInput> Lines { get; set; } = [];
    public long? Version { get; set; }

    public static DocumentInput From(Document d) => new()
    {
        Number = d.Number, JobId = d.JobId, VendorId = d.VendorId, IssueDate = d.IssueDate, DueDate = d.DueDate,
        Memo = d.Memo, Version = d.Version,
        Lines = d.Lines.OrderBy(l => l.Position).Select(LineInput.From).ToList(),
    };
}

public sealed class LineInput
{
    [Required(ErrorMessage = "Line name is required."), StringLength(Limits.Name, ErrorMessage = "Line name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    [StringLength(Limits.Description)] public string? Description { get; set; }
    public long? CostCodeId { get; set; }
    public long? CostTypeId { get; set; }
    [Range(typeof(decimal), "-1000000", "1000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Quantity must be between -1,000,000 and 1,000,000.")]
    public decimal Quantity { get; set; } = 1;
    /// <summary>Unit price (invoice) or unit cost (bill) in currency units, at most two decimals.</summary>
    [Range(typeof(decimal), "-10000000", "10000000", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Unit amount must be between -10,000,000 and 10,000,000.")]
    public decimal UnitAmount { get; set; }
    public bool Taxable { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Description) && UnitAmount == 0;

    public static LineInput From(DocumentLine l) => new()
    {
        Name = l.Name, Description = l.Description, CostCodeId = l.CostCodeId, CostTypeId = l.CostTypeId,
        Quantity = l.Quantity, UnitAmount = l.UnitAmountCents / 100m, Taxable = l.Taxable,
    };
}
