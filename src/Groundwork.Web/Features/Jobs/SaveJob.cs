using System.ComponentModel.DataAnnotations;
using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Jobs;

public sealed class JobInput
{
    [Display(Name = "Job number"), Required(ErrorMessage = "Number is required."), StringLength(Limits.JobNumber, ErrorMessage = "Number can be at most 30 characters.")]
    public string Number { get; set; } = "";
    [Display(Name = "Name"), NameText]
    [Required(ErrorMessage = "Name is required."), StringLength(Limits.Name, ErrorMessage = "Name can be at most 100 characters.")]
    public string Name { get; set; } = "";
    [Range(1, long.MaxValue, ErrorMessage = "Choose a customer location.")]
    public long LocationId { get; set; }
    public JobStatus Status { get; set; } = JobStatus.Open;
    public long? Version { get; set; }

    public static JobInput From(Job j) => new() { Number = j.Number, Name = j.Name, LocationId = j.LocationId, Status = j.Status, Version = j.Version };
}

/// <summary>Creates a job at a customer location (id null) or updates one.</summary>
public sealed class SaveJob(GroundworkDbContext db, QuickBooks.Sync.SyncOutbox outbox) : IUseCase
{
    public async Task<Outcome<Job>> HandleAsync(long? id, JobInput input, CancellationToken ct)
    {
        var check = new RequestValidator().Annotations(input)
            .Check(Enum.IsDefined(input.Status), nameof(JobInput.Status), "Status must be Open or Closed.");
        if (check.HasErrors) return check.ToOutcome<Job>();
        if (!await db.Locations.AnyAsync(l => l.Id == input.LocationId, ct))
        {
            return Outcome<Job>.Invalid(nameof(JobInput.LocationId), "The location does not exist.");
        }

        var job = await SaveChanges.FindOrAddAsync(db, id, input.Version, () => new Job { Number = "", Name = "" }, ct);
        if (job is null) return Outcome<Job>.NotFound($"Job {id} was not found.");

        job.Number = input.Number.Trim();
        job.Name = input.Name.Trim();
        job.LocationId = input.LocationId;
        job.Status = input.Status;
        if (id is not null && db.Entry(job).Property(x => x.Name).IsModified)
        {
            // A linked QBO name follows the rename, queued in this save's transaction.
            await outbox.NameChangedAsync(QuickBooks.Links.LinkedKind.Job, job.Id, ct);
        }
        return await SaveChanges.TryAsync(db, job, nameof(JobInput.Number), "A job with this number already exists.", ct);
    }
}
