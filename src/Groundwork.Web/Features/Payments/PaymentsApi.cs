using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.Payments;

public sealed record PaymentApplicationDto(long DocumentId, string? DocumentNumber, long AmountCents);

public sealed record PaymentDto(long Id, DocumentKind Kind, DateOnly Date, PaymentMethod Method, string? Reference, long AmountCents,
    IReadOnlyList<PaymentApplicationDto> Applications)
{
    public static PaymentDto From(Payment p) => new(p.Id, p.Kind, p.Date, p.Method, p.Reference, p.AmountCents,
        p.Applications.Select(a => new PaymentApplicationDto(a.DocumentId, a.Document?.Number, a.AmountCents)).ToList());
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
            return TypedResults.Ok(list.Select(PaymentDto.From).ToList());
        });
        group.MapGet("/{id:long}", async (long id, GroundworkDbContext db, CancellationToken ct) =>
            await WithDocuments(db).FirstOrDefaultAsync(p => p.Id == id, ct) is { } p ? TypedResults.Ok(PaymentDto.From(p)) : ApiResults.NotFound($"Payment {id}"));
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
