using Groundwork.Web.Data;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Sync;

/// <summary><c>{ "documentIds": [ … ], "paymentIds": [ … ] }</c> (either or both) or <c>{ "all": true }</c>.</summary>
public sealed class PushRequest
{
    public List<long>? DocumentIds { get; set; }
    /// <summary>Groundwork payments to push again (waiting, refused or dismissed ones); their documents not in QuickBooks go in the run.</summary>
    public List<long>? PaymentIds { get; set; }
    public bool? All { get; set; }
}

/// <summary>A run's progress: what the progress bar and <c>GET push/{runId}</c> show.</summary>
/// <param name="Payments">On the answer that starts a run: the payments it queued again and those it could not (null on progress reads).</param>
/// <param name="Elsewhere">On the answer to Push selected: the named documents another running run already holds (that run
/// pushes and counts them). When it holds every one and nothing else was asked, the answer is that run (200, nothing started).</param>
public sealed record PushRunDto(string Id, string State, bool All, int Total, int Done, int Failed, int Remaining, DateTime StartedAtUtc,
    DateTime? FinishedAtUtc, string StartedBy, double? PerMinute, PaymentsPushed? Payments = null, IReadOnlyList<HeldElsewhere>? Elsewhere = null)
{
    /// <summary>The answer is a run already running that holds every document asked for: nothing new was started.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool StartedNothing => Elsewhere?.Any(e => e.RunId == Id) == true;
}

/// <summary>Documents named in Push selected that another running run (<paramref name="RunId"/>) already holds.</summary>
public sealed record HeldElsewhere(string RunId, bool All, string StartedBy, IReadOnlyList<long> DocumentIds)
{
    /// <summary>In words, for the page.</summary>
    public string Describe() =>
        $"{(DocumentIds.Count == 1 ? "1 selected document is" : $"{DocumentIds.Count} selected documents are")} already being pushed by "
        + $"{(All ? "Push All" : "a push")} started by {StartedBy} (run {RunId[..8]}).";
}

/// <summary>
/// Starts a push of selected documents or of every unsynced one (Push All), cancels one, and reports progress. The run's
/// rows are outbox rows, drained by the company's grain like any other, so a restart resumes the run; the run's
/// <see cref="PushRun.RunningKey"/> is unique, so two Push All presses at once start one run (the second gets the first's id).
/// </summary>
public sealed class StartPush(GroundworkDbContext db, SyncOutbox outbox, UnsyncedRecords unsynced, AppClock clock, IHttpContextAccessor http,
    ITenantContext tenant, RetryPayments payments, PushBlock block) : IUseCase
{
    /// <summary>Most documents named in one request.</summary>
    public const int MaxDocuments = 1000;

    public async Task<Outcome<PushRunDto>> HandleAsync(PushRequest request, CancellationToken ct)
    {
        var all = request.All == true;
        var ids = request.DocumentIds?.Distinct().ToList() ?? [];
        var paymentIds = request.PaymentIds?.Distinct().ToList() ?? [];
        if (all == (ids.Count > 0 || paymentIds.Count > 0))
            return Outcome<PushRunDto>.Invalid("documentIds", "Send documentIds (1 to 1,000 document ids) and/or paymentIds, or \"all\": true, not both.");
        if (ids.Count > MaxDocuments) return Outcome<PushRunDto>.Invalid("documentIds", $"At most {MaxDocuments:N0} documents per request; use \"all\": true for more.");
        if (ids.Any(i => i <= 0)) return Outcome<PushRunDto>.Invalid("documentIds", "Document ids are positive numbers.");
        var connection = await db.QboConnections.AsNoTracking().FirstOrDefaultAsync(ct);
        if (connection is null) return Outcome<PushRunDto>.NotFound("QuickBooks is not connected.");
        if (connection.Status != QboConnectionStatus.Connected)
            return Outcome<PushRunDto>.Conflict("QuickBooks is not connected now; reconnect it under Settings → Integrations, then push.");

        var organizationId = tenant.OrganizationId!.Value;
        if (all && await RunningAsync(organizationId, ct) is { } running) return Outcome<PushRunDto>.Ok(await DtoAsync(running, ct));
        // A company-wide problem (no default item, no tax agency) that would hold back every document: refused up front with its
        // fix, rather than a run that fails each document for the same reason (PushBlocked.RefusesPushAll says when).
        if (all && await block.FindAsync(connection, ct) is { RefusesPushAll: true } blocked) return Outcome<PushRunDto>.Conflict(blocked.Refusal, blocked.Extensions);
        List<(long Id, DocumentKind Kind)> documents = [];
        if (!all)
        {
            var (found, refused) = await ChosenAsync(db, ids, finalizedOnly: true, ct);
            if (refused is not null) return Outcome<PushRunDto>.Invalid("documentIds", refused);
            documents = found;
        }
        // Payments first: a refused one named here answers 400 before anything is written; their documents join the run.
        PaymentsPushed? pushedPayments = null;
        if (all || paymentIds.Count > 0)
        {
            var retried = await payments.HandleAsync(paymentIds, all, ct);
            if (!retried.IsOk) return Outcome<PushRunDto>.Invalid(retried.Errors.ToDictionary(e => e.Key, e => e.Value));
            pushedPayments = retried.Value!;
            if (!all)
            {
                var extra = pushedPayments.DocumentIds.Except(documents.Select(d => d.Id)).ToList();
                documents.AddRange((await db.Documents.AsNoTracking().Where(d => extra.Contains(d.Id)).Select(d => new { d.Id, d.Kind }).ToListAsync(ct)).Select(d => (d.Id, d.Kind)));
            }
        }
        var user = http.HttpContext?.User.Identity?.Name ?? "unknown";
        var run = new PushRun
        {
            Id = Guid.NewGuid().ToString("N"), ConnectionId = connection.Id, StartedBy = user, StartedAtUtc = clock.UtcNow, All = all, Total = documents.Count,
            State = PushRunState.Running, RunningKey = all ? organizationId : null,
        };
        db.PushRuns.Add(run);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (all)
        {
            // Push All claims the organization's one running slot first (a unique key) and only then reads what is unsynced,
            // in the same transaction: a press at the same moment waits for the claim and gets this run, and a press after
            // this run has finished finds nothing left — two runs never hold the same documents.
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                if (await RunningAsync(organizationId, ct) is { } other) return Outcome<PushRunDto>.Ok(await DtoAsync(other, ct));
                throw;
            }
            documents = (await unsynced.Query(connection.Id).Select(d => new { d.Id, d.Kind }).ToListAsync(ct)).Select(d => (d.Id, d.Kind)).ToList();
        }
        var trigger = RunTrigger(all, user);
        // The total is what the run holds: a document another running run already holds is counted (and reported) there.
        run.Total = documents.Count == 0 ? 0 : await outbox.AddRunAsync(connection.Id, documents, trigger, run.Id, ct);
        var elsewhere = all ? [] : await ElsewhereAsync(documents, run.Id, ct);
        if (run.Total == 0 && elsewhere.Count > 0 && pushedPayments is null)
        {
            // Every document named is being pushed already: that run is the answer, not an empty one saying "nothing to push".
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            var holder = await db.PushRuns.AsNoTracking().FirstAsync(r => r.Id == elsewhere[0].RunId, ct);
            return Outcome<PushRunDto>.Ok(await DtoAsync(holder, ct) with { Elsewhere = elsewhere });
        }
        if (run.Total == 0)
        {
            run.State = PushRunState.Finished;
            run.FinishedAtUtc = clock.UtcNow;
            run.RunningKey = null;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (documents.Count > 0 || pushedPayments is not null) await outbox.WakeAsync();
        return Outcome<PushRunDto>.Ok(await DtoAsync(run, ct) with { Payments = pushedPayments, Elsewhere = elsewhere.Count == 0 ? null : elsewhere });
    }

    /// <summary>The named documents whose rows another running run holds, by run (the one holding most first). Inside the start's transaction.</summary>
    private async Task<List<HeldElsewhere>> ElsewhereAsync(List<(long Id, DocumentKind Kind)> documents, string runId, CancellationToken ct)
    {
        var ids = documents.Select(d => d.Id).ToList();
        var held = await db.QboOutbox.Where(e => ids.Contains(e.LocalId) && (e.Kind == LinkedKind.Invoice || e.Kind == LinkedKind.Bill) && e.RunId != null && e.RunId != runId)
            .Join(db.PushRuns.Where(r => r.State == PushRunState.Running), e => e.RunId, r => r.Id, (e, r) => new { r.Id, r.All, r.StartedBy, e.LocalId })
            .Distinct().ToListAsync(ct);
        return held.GroupBy(h => (h.Id, h.All, h.StartedBy))
            .Select(g => new HeldElsewhere(g.Key.Id, g.Key.All, g.Key.StartedBy, g.Select(h => h.LocalId).Distinct().Order().ToList()))
            .OrderByDescending(h => h.DocumentIds.Count).ThenBy(h => h.RunId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// One payment's Retry (<c>POST payments/{id}/retry</c>, a row's button): a run like Push selected. A payment that is not
    /// this organization's (unknown, or another's: the tenant filter hides it) is not found, not a bad request.
    /// </summary>
    public async Task<Outcome<PushRunDto>> RetryPaymentAsync(long paymentId, CancellationToken ct) =>
        await db.Payments.AnyAsync(p => p.Id == paymentId, ct)
            ? await HandleAsync(new PushRequest { PaymentIds = [paymentId] }, ct)
            : Outcome<PushRunDto>.NotFound($"Payment {paymentId} was not found.");

    /// <summary>
    /// The documents a user named for a push (or its dry run): each must be one of this organization's documents (the
    /// tenant filter hides any other's) and, for a push, finalized. The refusal names the ids; null when all can go.
    /// </summary>
    public static async Task<(List<(long Id, DocumentKind Kind)> Found, string? Refused)> ChosenAsync(GroundworkDbContext db, IReadOnlyCollection<long> ids,
        bool finalizedOnly, CancellationToken ct)
    {
        var found = await db.Documents.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Kind, d.Status }).ToListAsync(ct);
        var missing = ids.Except(found.Select(f => f.Id)).ToList();
        if (missing.Count > 0) return ([], $"No such document: {string.Join(", ", missing.Take(10))}.");
        var drafts = found.Where(f => !DocumentRules.IsFinalized(new Document { Number = "", Status = f.Status })).Select(f => f.Id).ToList();
        if (finalizedOnly && drafts.Count > 0) return ([], $"Only finalized invoices and approved bills are pushed; not: {string.Join(", ", drafts.Take(10))}.");
        return (found.Select(f => (f.Id, f.Kind)).ToList(), null);
    }

    public async Task<Outcome<PushRunDto>> StatusAsync(string runId, CancellationToken ct) =>
        await db.PushRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, ct) is { } run
            ? Outcome<PushRunDto>.Ok(await DtoAsync(run, ct))
            : Outcome<PushRunDto>.NotFound($"Push run {runId} was not found.");

    /// <summary>Who or what asked, on the rows a run queues.</summary>
    private static string RunTrigger(bool all, string user) => $"{(all ? "Push All" : "Push")} by {user}";

    /// <summary>
    /// Stops a run: rows it queued and not yet pushed are dropped (their documents go back to Unsynced Records); one in flight
    /// finishes. A row that was waiting before the run took it in (an automatic push, a retry) leaves the run and still goes.
    /// </summary>
    public async Task<Outcome<PushRunDto>> CancelAsync(string runId, CancellationToken ct)
    {
        var run = await db.PushRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return Outcome<PushRunDto>.NotFound($"Push run {runId} was not found.");
        if (run.State != PushRunState.Running) return Outcome<PushRunDto>.Ok(await DtoAsync(run, ct));
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.QboOutbox.Where(e => e.RunId == runId && e.Adopted)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.RunId, (string?)null).SetProperty(e => e.Adopted, false), ct);
        // Rows already with Push All's lanes are uncertain: the engine sees the run cancelled and drops those not yet sent.
        await PushRuns.DropAsync(db, db.QboOutbox.Where(e => e.RunId == runId && !e.Uncertain), ct);
        run.State = PushRunState.Cancelled;
        run.FinishedAtUtc = clock.UtcNow;
        run.RunningKey = null;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Outcome<PushRunDto>.Ok(await DtoAsync(run, ct));
    }

    private Task<PushRun?> RunningAsync(long organizationId, CancellationToken ct) =>
        db.PushRuns.AsNoTracking().FirstOrDefaultAsync(r => r.RunningKey == organizationId, ct);

    private async Task<PushRunDto> DtoAsync(PushRun run, CancellationToken ct)
    {
        var remaining = run.State == PushRunState.Running ? await db.QboOutbox.Where(e => e.RunId == run.Id).Select(e => e.LocalId).Distinct().CountAsync(ct) : 0;
        var minutes = ((run.FinishedAtUtc ?? clock.UtcNow) - run.StartedAtUtc).TotalMinutes;
        double? rate = minutes > 0 && run.Done + run.Failed > 0 ? Math.Round((run.Done + run.Failed) / minutes, 1) : null;
        return new PushRunDto(run.Id, DocumentSyncView.Camel(run.State), run.All, run.Total, run.Done, run.Failed, remaining, run.StartedAtUtc, run.FinishedAtUtc,
            run.StartedBy, rate);
    }
}
