using Groundwork.Web.Data;
using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Groundwork.Web.Features.Documents;

/// <summary>The expected version of a document a status change applies to; optional.</summary>
public sealed record StatusChangeInput(long? Version);

internal static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        MapKind(api.MapGroup("/invoices").WithTags("Invoices"), DocumentKind.Invoice, [DocumentAction.Finalize, DocumentAction.Void]);
        MapKind(api.MapGroup("/bills").WithTags("Bills"), DocumentKind.Bill, [DocumentAction.Approve, DocumentAction.Reject, DocumentAction.Void]);
        return api;
    }

    private static void MapKind(RouteGroupBuilder group, DocumentKind kind, DocumentAction[] actions)
    {
        group.MapGet("/", async ([AsParameters] DocumentListQuery query, GroundworkDbContext db, CancellationToken ct) =>
        {
            var page = await DocumentQueries.ListAsync(db, kind, query, ct);
            return TypedResults.Ok(new PageOf<DocumentSummaryDto>(page.Items.Select(DocumentSummaryDto.From).ToList(), page.Page, page.PageSize, page.Total));
        });
        group.MapGet("/{id:long}", async (long id, GroundworkDbContext db, QuickBooks.Sync.DocumentSyncView sync, CancellationToken ct) =>
            await DocumentQueries.FindAsync(db, kind, id, ct) is { } d
                ? TypedResults.Ok(DocumentDto.From(d) with { Sync = await sync.ForAsync(d.Id, ct) })
                : ApiResults.NotFound($"{kind} {id}"));
        group.MapPost("/", async (DocumentInput input, SaveDocument save, GroundworkDbContext db, CancellationToken ct) =>
            await Reloaded(db, kind, await save.HandleAsync(kind, null, input, ct), StatusCodes.Status201Created, ct));
        group.MapPut("/{id:long}", async (long id, DocumentInput input, SaveDocument save, GroundworkDbContext db, CancellationToken ct) =>
            await Reloaded(db, kind, await save.HandleAsync(kind, id, input, ct), StatusCodes.Status200OK, ct));
        foreach (var action in actions)
        {
            var endpoint = group.MapPost($"/{{id:long}}/{action.ToString().ToLowerInvariant()}",
                async (long id, [FromBody] StatusChangeInput? input, ChangeDocumentStatus change, GroundworkDbContext db, CancellationToken ct) =>
                    await Reloaded(db, kind, await change.HandleAsync(kind, id, action, input?.Version, ct), StatusCodes.Status200OK, ct));
            if (action == DocumentAction.Void)
            {
                endpoint.RequireAuthorization(AccountServiceCollectionExtensions.AccountantPolicy);
            }
        }
    }

    private static async Task<IResult> Reloaded(GroundworkDbContext db, DocumentKind kind, Outcome<Document> outcome, int status, CancellationToken ct)
    {
        if (!outcome.IsOk) return ApiResults.From(outcome, DocumentDto.From);
        var fresh = await DocumentQueries.FindAsync(db, kind, outcome.Value!.Id, ct);
        return ApiResults.From(Outcome<Document>.Ok(fresh!), DocumentDto.From, status);
    }
}
