using Groundwork.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.Documents;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> b)
    {
        b.Property(d => d.Number).HasMaxLength(Limits.DocumentNumber).IsRequired();
        b.Property(d => d.Memo).HasMaxLength(Limits.Memo);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.Ignore(d => d.BalanceCents);
        b.HasOne(d => d.Job).WithMany().HasForeignKey(d => d.JobId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Customer).WithMany().HasForeignKey(d => d.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(d => d.Vendor).WithMany().HasForeignKey(d => d.VendorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(d => d.Lines).WithOne().HasForeignKey(l => l.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(d => d.StatusChanges).WithOne().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Cascade);
        // Document numbers are unique per organization and type: the database is the guard.
        b.HasIndex(d => new { d.OrganizationId, d.Kind, d.Number }).IsUnique();
        b.HasIndex(d => new { d.OrganizationId, d.Kind, d.Status });
    }
}

internal sealed class DocumentLineConfiguration : IEntityTypeConfiguration<DocumentLine>
{
    public void Configure(EntityTypeBuilder<DocumentLine> b)
    {
        b.Property(l => l.Name).HasMaxLength(Limits.Name).IsRequired();
        b.Property(l => l.Description).HasMaxLength(Limits.Description);
        b.Property(l => l.Quantity).HasPrecision(18, 4);
        b.HasOne<CostCodes.CostCode>().WithMany().HasForeignKey(l => l.CostCodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CostTypes.CostType>().WithMany().HasForeignKey(l => l.CostTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DocumentStatusChangeConfiguration : IEntityTypeConfiguration<DocumentStatusChange>
{
    public void Configure(EntityTypeBuilder<DocumentStatusChange> b)
    {
        b.Property(s => s.From).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.To).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.ByUser).HasMaxLength(256);
        b.Property(s => s.Note).HasMaxLength(Limits.Memo);
    }
}
