using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;

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
    [Display(Name = "Issue date")] public DateOnly? IssueDate { get; set; }
    [Display(Name = "Due date")] public DateOnly? DueDate { get; set; }
    [Display(Name = "Memo"), StringLength(Limits.Memo, ErrorMessage = "Memo can be at most 1000 characters.")]
    public string? Memo { get; set; }
    /// <summary>A JSON null means no lines (refused as "add at least one line"); a null item is refused on its index.</summary>
    public List<LineInput> Lines { get; set => field = value ?? []; } = [];
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
    [Display(Name = "Line name"), NameText]
    [Required(ErrorMessage = "Line name is required."), StringLength(Limits.Name, ErrorMessage = "Line name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    [Display(Name = "Description"), StringLength(Limits.Description, ErrorMessage = "Description can be at most 4000 characters.")]
    public string? Description { get; set; }
    public long? CostCodeId { get; set; }
    public long? CostTypeId { get; set; }
    /// <summary>At most four decimals, within ±<see cref="Limits.LargestQuantity"/>; checked by <see cref="SaveDocument"/>.</summary>
    [Display(Name = "Quantity")]
    public decimal Quantity { get; set; } = 1;
    /// <summary>Unit price (invoice) or unit cost (bill) in currency units, at most two decimals, within ±<see cref="Limits.LargestUnitAmount"/>.</summary>
    [Display(Name = "Unit amount")]
    public decimal UnitAmount { get; set; }
    /// <summary>Left out (null), the line takes its cost type's "taxable by default"; with no cost type it is not taxable.</summary>
    public bool? Taxable { get; set; }

    /// <summary>Blank rows of the form are skipped, not refused.</summary>
    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Description) && UnitAmount == 0;

    public static LineInput From(DocumentLine l) => new()
    {
        Name = l.Name, Description = l.Description, CostCodeId = l.CostCodeId, CostTypeId = l.CostTypeId,
        Quantity = l.Quantity, UnitAmount = l.UnitAmountCents / 100m, Taxable = l.Taxable,
    };
}
