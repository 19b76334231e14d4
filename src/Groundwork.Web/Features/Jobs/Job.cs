using Groundwork.Web.Data;
using Groundwork.Web.Features.Locations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Groundwork.Web.Features.Jobs;

public enum JobStatus
{
    Open = 0,
    Closed = 1,
}

public sealed class Job : TenantEntity
{
    public required string Number { get; set; }
    public required string Name { get; set; }
    public long LocationId { get; set; }
    public Location? Location { get; set; }
    public JobStatus Status { get; set; }
}

internal sealed class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> b)
    {
        b.Property(j => j.Number).HasMaxLength(Limits.JobNumber).IsRequired();
        b.Property(j => j.Name).HasMaxLength(Limits.Name).IsRequired();
        b.HasOne(j => j.Location).WithMany().HasForeignKey(j => j.LocationId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(j => new { j.OrganizationId, j.Number }).IsUnique();
    }
}
