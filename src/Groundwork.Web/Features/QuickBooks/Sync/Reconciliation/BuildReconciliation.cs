using System.Globalization;
using System.Text.RegularExpressions;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Features.QuickBooks.Sync.Reconciliation;

/// <summary>Settings of the reconciliation report, from "QuickBooks:Reconciliation".</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "QuickBooks:Reconciliation";

    /// <summary>Most records (documents and payments) one report reads on each side; a bigger month is refused with the advice to choose a job. Default 20,000.</summary>
    public int MaxRecords { get; set; } = 20_000;
}

/// <summary>The report's query: <c>month=YYYY-MM</c> (required) and <c>jobId</c> (optional), as sent.</summary>
public sealed class ReconciliationQuery
{
    public string? Month { get; set; }
    public string? JobId { get; set; }
}

/// <summary>
/// <c>GET reconciliation</c>: a month (and optionally a job) of Groundwork beside QuickBooks. Reads QuickBooks through the
/// company's gateway and Groundwork from the database; writes nothing on either side.
/// </summary>
public sealed partial class BuildReconciliation(GroundworkDbContext db, PushPlanner planner, QboCompanyCalls calls, ITenantContext tenant,
    DocumentSyncView view, AppClock clock, IOptions<ReconciliationOptions> options) : IUseCase
{
    public async Task<Outcome<ReconciliationReport>> HandleAsync(ReconciliationQuery query, CancellationToken ct)
    {
        if (ParseMonth(query.Month) is not { } month) return Outcome<ReconciliationReport>.Invalid("month", "month is a year and month, YYYY-MM (e.g. 2026-03), from 1900-01 to 9999-12.");
        long? jobId = null;
        if (!string.IsNullOrWhiteSpace(query.JobId))
        {
            if (!long.TryParse(query.JobId.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                return Outcome<ReconciliationReport>.Invalid("jobId", "jobId is the id of one of your jobs (a whole number above 0).");
            jobId = id;
        }
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<ReconciliationReport>.Conflict("QuickBooks is not connected: connect it under Settings → Integrations, then reconcile.");
        var job = jobId is { } j ? await db.Jobs.AsNoTracking().FirstOrDefaultAsync(x => x.Id == j, ct) : null;
        if (jobId is not null && job is null) return Outcome<ReconciliationReport>.NotFound($"Job {jobId} was not found.");
        try
        {
            return await BuildAsync(connection, month, job, ct);
        }
        catch (TooManyRecordsException ex)
        {
            return TooMany(ex.Cap, "QuickBooks", job);
        }
        catch (QboNotConnectedException ex)
        {
            return Outcome<ReconciliationReport>.Conflict(ex.Message);
        }
        catch (QboException ex)
        {
            return Outcome<ReconciliationReport>.Conflict(CheckReadiness.Unanswered(ex));
        }
    }

    /// <summary>The first and last day of <c>YYYY-MM</c>, or null when it is not one.</summary>
    public static (DateOnly From, DateOnly To)? ParseMonth(string? month)
    {
        var m = MonthPattern().Match(month?.Trim() ?? "");
        if (!m.Success) return null;
        var (year, number) = (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        if (year < 1900 || number is < 1 or > 12) return null;
        var from = new DateOnly(year, number, 1);
        return (from, from.AddDays(DateTime.DaysInMonth(year, number) - 1));
    }

    private async Task<Outcome<ReconciliationReport>> BuildAsync(QboConnection connection, (DateOnly From, DateOnly To) month, Jobs.Job? job, CancellationToken ct)
    {
        var cap = Math.Max(1, options.Value.MaxRecords);
        var ours = new GroundworkMonth(db, planner);
        var documentIds = await ours.Documents(month.From, month.To, job?.Id).OrderBy(d => d.Id).Select(d => d.Id).Take(cap + 1).ToListAsync(ct);
        var paymentIds = await ours.Payments(month.From, month.To, job?.Id).OrderBy(p => p.Id).Select(p => p.Id).Take(cap + 1).ToListAsync(ct);
        if (documentIds.Count + paymentIds.Count > cap) return TooMany(cap, "Groundwork", job);

        var organizationId = tenant.OrganizationId ?? throw new InvalidOperationException("No organization in scope.");
        var reader = new QuickBooksMonth(calls, organizationId, cap);
        var (qboDocuments, qboPayments) = await reader.ReadAsync(month.From, month.To, ct);

        var settings = await planner.SettingsAsync(connection, null, ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var documents = await ours.LoadDocumentsAsync(connection, settings, documentIds, names, ct);
        var payments = await ours.LoadPaymentsAsync(connection.Id, paymentIds, ct);
        // QuickBooks records of the month linked to Groundwork records of another month, and the reverse: read too, so the pair shows its dates.
        var documentKinds = new[] { LinkedKind.Invoice, LinkedKind.Bill };
        var extraDocuments = (await ours.LinkedToAsync(connection.Id, documentKinds, qboDocuments.Select(q => q.Identity).ToList(), ct)).Values.Except(documentIds).ToList();
        documents.AddRange(await ours.LoadDocumentsAsync(connection, settings, extraDocuments, names, ct));
        var extraPayments = (await ours.LinkedToAsync(connection.Id, [LinkedKind.Payment], qboPayments.Select(q => q.Identity).ToList(), ct)).Values.Except(paymentIds).ToList();
        payments.AddRange(await ours.LoadPaymentsAsync(connection.Id, extraPayments, ct));
        var seen = qboDocuments.Select(q => q.Identity).Concat(qboPayments.Select(q => q.Identity)).ToHashSet(StringComparer.Ordinal);
        var missing = documents.Select(d => d.Link).Concat(payments.Select(p => p.Link))
            .Where(l => l is { Deleted: false } && !seen.Contains(l.Identity)).Select(l => (l!.QboType, l.QboId)).ToList();
        foreach (var found in await reader.ByIdAsync(missing, ct))
        {
            if (found is QboPayment or QboBillPayment) qboPayments.Add(QuickBooksPayment.From(found));
            else qboDocuments.Add(QuickBooksDocument.From(found));
        }

        var input = new ReconciliationInput(month.From, month.To, job?.Id, job is null ? null : await ours.JobPartyAsync(connection, job, ct),
            job is null ? new HashSet<string>() : await ours.JobIdentitiesAsync(connection.Id, job.Id, ct), documents, payments, qboDocuments, qboPayments, names);
        var (summary, byItem, byClass, differences) = ReconciliationRules.Reconcile(input, new ReconciliationLinks((type, id) => view.Url(connection.RealmId, type, id)));
        return Outcome<ReconciliationReport>.Ok(new ReconciliationReport(month.From.ToString("yyyy-MM", CultureInfo.InvariantCulture), month.From, month.To,
            job is null ? null : new ReconciledJob(job.Id, job.Number, job.Name), connection.RealmId, connection.CompanyName, clock.UtcNow,
            summary, byItem, byClass, differences));
    }

    private static Outcome<ReconciliationReport> TooMany(int cap, string side, Jobs.Job? job) => Outcome<ReconciliationReport>.Invalid("month",
        $"This month has more than {cap.ToString("N0", CultureInfo.InvariantCulture)} documents and payments in {side}, more than one report reads. " +
        (job is null ? "Choose a job to reconcile it a part at a time." : "Reconcile it in QuickBooks' own reports."));

    [GeneratedRegex(@"^(\d{4})-(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();
}
