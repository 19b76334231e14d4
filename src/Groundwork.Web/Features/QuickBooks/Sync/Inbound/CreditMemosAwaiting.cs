using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync.Inbound;

/// <summary>A job the offsetting invoice can be made for.</summary>
public sealed record JobChoiceDto(long Id, string Number, string Name);

/// <summary>A credit memo made in QuickBooks awaiting its offsetting negative invoice, with the jobs it can go to.</summary>
public sealed record CreditMemoAwaitingDto(long Id, string QboId, string? DocNumber, DateOnly? TxnDate, string CustomerQboId, string? CustomerName,
    long TotalCents, long RemainingCents, int LineCount, DateTime UpdatedAtUtc, IReadOnlyList<JobChoiceDto> Jobs);

/// <summary>The credit memos from QuickBooks awaiting an offset, newest first (and their count, for the tab).</summary>
public sealed class CreditMemosAwaiting(GroundworkDbContext db)
{
    /// <summary>Rows listed at most; the count says when there are more.</summary>
    public const int Max = 200;

    /// <summary>Jobs offered per credit memo.</summary>
    public const int MaxJobs = 100;

    public async Task<int> CountAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        return connection is null ? 0 : await db.Set<IncomingCreditMemo>().CountAsync(m => m.ConnectionId == connection, ct);
    }

    public async Task<List<CreditMemoAwaitingDto>> ListAsync(CancellationToken ct)
    {
        var connection = await db.QboConnections.Select(c => (long?)c.Id).FirstOrDefaultAsync(ct);
        if (connection is null) return [];
        var rows = await db.Set<IncomingCreditMemo>().AsNoTracking().Where(m => m.ConnectionId == connection)
            .OrderByDescending(m => m.TxnDate).ThenByDescending(m => m.Id).Take(Max).ToListAsync(ct);
        var identities = rows.Select(r => ApplyQboChange.Identity("Customer", r.CustomerQboId)).Distinct().ToList();
        var links = await db.QboLinks.AsNoTracking()
            .Where(l => l.ConnectionId == connection && identities.Contains(l.QboIdentity!) && QboCreditMemoRecorder.CustomerKinds.Contains(l.Kind))
            .ToDictionaryAsync(l => l.QboId, l => (l.Kind, l.LocalId), ct);
        var list = new List<CreditMemoAwaitingDto>();
        foreach (var r in rows)
        {
            var jobs = links.TryGetValue(r.CustomerQboId, out var link) ? await JobsAsync(link.Kind, link.LocalId, ct) : [];
            list.Add(new CreditMemoAwaitingDto(r.Id, r.QboId, r.DocNumber, r.TxnDate, r.CustomerQboId, r.CustomerName, r.TotalCents, r.RemainingCents, r.LineCount,
                r.UpdatedAtUtc, jobs));
        }
        return list;
    }

    private Task<List<JobChoiceDto>> JobsAsync(LinkedKind kind, long localId, CancellationToken ct)
    {
        var jobs = db.Jobs.AsNoTracking();
        jobs = kind switch
        {
            LinkedKind.Job => jobs.Where(j => j.Id == localId),
            LinkedKind.Location => jobs.Where(j => j.LocationId == localId),
            _ => jobs.Where(j => j.Location!.CustomerId == localId),
        };
        return jobs.OrderBy(j => j.Id).Take(MaxJobs).Select(j => new JobChoiceDto(j.Id, j.Number, j.Name)).ToListAsync(ct);
    }
}

/// <summary>The body of an offset: the job, needed only when the customer has several.</summary>
public sealed class OffsetRequest
{
    public long? JobId { get; set; }
}

/// <summary>
/// <c>GET /api/v1/quickbooks/credit-memos</c> (Accountant and up): credit memos made in QuickBooks awaiting an offset;
/// <c>POST /api/v1/quickbooks/credit-memos/{id}/offset</c> (Owner/Admin, body <c>{ jobId? }</c>): 201 with the negative invoice.
/// </summary>
internal static class CreditMemosApi
{
    public static RouteGroupBuilder MapCreditMemosApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/credit-memos", async (CreditMemosAwaiting list, CancellationToken ct) => TypedResults.Ok(new { items = await list.ListAsync(ct) }));
        quickbooks.MapPost("/credit-memos/{id:long}/offset", async (long id, [FromBody] OffsetRequest? body, OffsetCreditMemo offset, CancellationToken ct) =>
                ApiResults.From(await offset.HandleAsync(id, body?.JobId, ct), o => o, StatusCodes.Status201Created))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }
}
