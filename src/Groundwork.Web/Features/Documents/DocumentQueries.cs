using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Documents;

public sealed record DocumentLineDto(int Position, string Name, string? Description, long? CostCodeId, long? CostTypeId,
    decimal Quantity, long UnitAmountCents, long AmountCents, bool Taxable);

public sealed record DocumentStatusChangeDto(DocumentStatus? From, DocumentStatus To, DateTime AtUtc, string? ByUser, string? Note);

/// <summary>A document in a list: the header and totals; lines and history come with the single document.</summary>
public sealed record DocumentSummaryDto(long Id, DocumentKind Kind, string Number, DocumentStatus Status, string? StatusNote, long JobId,
    string? JobName, long? CustomerId, string? CustomerName, long? VendorId, string? VendorName, DateOnly IssueDate, DateOnly? DueDate,
    string? Memo, int TaxRateBasisPoints, long SubtotalCents, long TaxCents, long TotalCents, long PaidCents, long BalanceCents, long Version)
{
    public static DocumentSummaryDto From(Document d) => new(d.Id, d.Kind, d.Number, d.Status, DocumentRules.StatusNote(d), d.JobId, d.Job?.Name,
        d.CustomerId, d.Customer?.Name, d.VendorId, d.Vendor?.Name, d.IssueDate, d.DueDate, d.Memo, d.TaxRateBasisPoints, d.SubtotalCents,
        d.TaxCents, d.TotalCents, d.PaidCents, d.BalanceCents, d.Version);
}

/// <summary>One document with its lines and status history. <c>StatusNote</c> says why a status that looks stuck is right.</summary>
public sealed record DocumentDto(long Id, DocumentKind Kind, string Number, DocumentStatus Status, string? StatusNote, long JobId, string? JobName,
    long? CustomerId, string? CustomerName, long? VendorId, string? VendorName, DateOnly IssueDate, DateOnly? DueDate, string? Memo,
    int TaxRateBasisPoints, long SubtotalCents, long TaxCents, long TotalCents, long PaidCents, long BalanceCents, long Version,
    IReadOnlyList<DocumentLineDto> Lines, IReadOnlyList<DocumentStatusChangeDto> History)
{
    /// <summary>Where the document stands with QuickBooks: <c>state</c>, <c>qboId</c>, <c>syncToken</c>, <c>message</c>, <c>updatedAtUtc</c>.</summary>
    public QuickBooks.Sync.DocumentSyncDto? Sync { get; init; }

    public static DocumentDto From(Document d) => new(d.Id, d.Kind, d.Number, d.Status, DocumentRules.StatusNote(d), d.JobId, d.Job?.Name,
        d.CustomerId, d.Customer?.Name, d.VendorId, d.Vendor?.Name, d.IssueDate, d.DueDate, d.Memo, d.TaxRateBasisPoints, d.SubtotalCents,
        d.TaxCents, d.TotalCents, d.PaidCents, d.BalanceCents, d.Version,
        d.Lines.OrderBy(l => l.Position).Select(l => new DocumentLineDto(l.Position, l.Name, l.Description, l.CostCodeId, l.CostTypeId,
            l.Quantity, l.UnitAmountCents, l.AmountCents, l.Taxable)).ToList(),
        d.StatusChanges.OrderBy(s => s.AtUtc).ThenBy(s => s.Id).Select(s => new DocumentStatusChangeDto(s.From, s.To, s.AtUtc, s.ByUser, s.Note)).ToList());
}

public sealed class DocumentListQuery
{
    public string? Q { get; set; }
    public DocumentStatus? Status { get; set; }
    public long? JobId { get; set; }
    /// <summary>From the query string only: on a Razor page the route value "page" is the page's own path.</summary>
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public int? Page { get; set; }
    public int? PageSize { get; set; }
}

internal static class DocumentQueries
{
    public static async Task<PageOf<Document>> ListAsync(GroundworkDbContext db, DocumentKind kind, DocumentListQuery query, CancellationToken ct)
    {
        var paging = new ListQuery { Q = query.Q, Page = query.Page, PageSize = query.PageSize };
        var rows = db.Documents.AsNoTracking().Where(d => d.Kind == kind);
        if (paging.Term?.ToLower() is { } t)
        {
            rows = rows.Where(d => d.Number.ToLower().Contains(t) || d.Job!.Name.ToLower().Contains(t)
                || (d.Customer != null && d.Customer.Name.ToLower().Contains(t)) || (d.Vendor != null && d.Vendor.Name.ToLower().Contains(t)));
        }
        if (query.Status is { } status) rows = rows.Where(d => d.Status == status);
        if (query.JobId is { } job) rows = rows.Where(d => d.JobId == job);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(d => d.IssueDate).ThenByDescending(d => d.Id).Skip(paging.Skip).Take(paging.SafePageSize)
            .Include(d => d.Job).Include(d => d.Customer).Include(d => d.Vendor).ToListAsync(ct);
        return new PageOf<Document>(items, paging.SafePage, paging.SafePageSize, total);
    }

    public static Task<Document?> FindAsync(GroundworkDbContext db, DocumentKind kind, long id, CancellationToken ct) =>
        db.Documents.AsNoTracking().AsSplitQuery().Include(d => d.Job).Include(d => d.Customer).Include(d => d.Vendor)
            .Include(d => d.Lines).Include(d => d.StatusChanges).FirstOrDefaultAsync(d => d.Id == id && d.Kind == kind, ct);
}
