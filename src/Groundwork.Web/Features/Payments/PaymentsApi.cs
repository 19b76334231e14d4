using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Payments;

public sealed record PaymentApplicationDto(long DocumentId, string? DocumentNumber, long AmountCents);

/// <param name="Source">Groundwork (recorded here) or QuickBooks (made there and brought in).</param>
/// <param name="Sync">Where it stands with QuickBooks; null when QuickBooks is not connected (or on a write's answer).</param>
public sealed record PaymentDto(long Id, DocumentKind Kind, DateOnly Date, PaymentMethod Method, string? Reference, long AmountCents,
    IReadOnlyList<PaymentApplicationDto> Applications, PaymentSource Source, PaymentSyncDto? Sync = null)
{
    public static PaymentDto From(Payment p) => From(p, null);

    public static PaymentDto From(Payment p, PaymentSyncDto? sync) => new(p.Id, p.Kind, p.Date, p.Method, p.Reference, p.AmountCents,
        p.Applications.Select(a => new PaymentApplicationDto(a.DocumentId, a.Document?.Number, a.AmountCents)).ToList(), p.Source, sync);
}

internal static class PaymentsApi
{
    public static IQueryable<Payment> WithDocuments(GroundworkDbContext db) =>
        db.Payments.AsNoTracking().Include(p => p.Applications).ThenInclude(a => a.Document);

    public static RouteGroupBuilder MapPaymentsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/payments").WithTags("Payments");
        group.MapGet("/", async (long? documentId, GroundworkDbContext db, CancellationToken ct) =>
        {
            var rows = WithDocuments(db);
            if (documentId is { } doc) rows = rows.Where(p => p.Applications.Any(a => a.DocumentId == doc));
            var list = await rows.OrderByDescending(p => p.Date).ThenByDescending(p => p.Id).Take(200).ToListAsync(ct);
            var syncs = await PaymentSyncView.ForAsync(db, [.. list.Select(p => p.Id)], ct);
            return TypedResults.Ok(list.Select(p => PaymentDto.From(p, syncs.GetValueOrDefault(p.Id))).ToList());
        });
        group.MapGet("/{id:long}", async Task<IResult> (long id, GroundworkDbContext db, CancellationToken ct) =>
        {
            if (await WithDocuments(db).FirstOrDefaultAsync(p => p.Id == id, ct) is not { } p) return ApiResults.NotFound($"Payment {id}");
            var syncs = await PaymentSyncView.ForAsync(db, [p.Id], ct);
            return TypedResults.Ok(PaymentDto.From(p, syncs.GetValueOrDefault(p.Id)));
        });
        // Money movements are the bookkeeper's: Accountant, Admin or Owner.
        group.MapPost("/", async (PaymentInput input, RecordPayment record, CancellationToken ct) =>
            ApiResults.From(await record.HandleAsync(input, ct), PaymentDto.From, StatusCodes.Status201Created))
            .RequireAuthorization(AccountServiceCollectionExtensions.AccountantPolicy);
        group.MapDelete("/{id:long}", async (long id, DeletePayment delete, CancellationToken ct) =>
            ApiResults.From(await delete.HandleAsync(id, ct), p => new { p.Id, Deleted = true }))
            .RequireAuthorization(AccountServiceCollectionExtensions.AccountantPolicy);
        return api;
    }
}
