using Groundwork.Web.Features.Account;
using Groundwork.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Groundwork.Web.Features.QuickBooks.Names;

/// <summary>
/// <c>/api/v1/quickbooks/links</c>: the match-and-link screen's API. Reading is for Accountants and up (the group's
/// policy); linking, link-exact and rename need Owner/Admin.
/// </summary>
internal static class NameLinksApi
{
    public static RouteGroupBuilder MapNameLinksApi(this RouteGroupBuilder quickbooks)
    {
        var links = quickbooks.MapGroup("/links");
        links.MapGet("/", async (string? kind, string? q, int? page, int? pageSize, bool? refresh, ListNameLinks list, CancellationToken ct) =>
        {
            if (!NameKinds.TryParse(kind, out var k)) return BadKind();
            var paging = new ListQuery { Page = page, PageSize = pageSize };
            return ApiResults.From(await list.HandleAsync(k, q, paging.SafePage, paging.SafePageSize, refresh == true, ct), p => p);
        });
        links.MapPost("/link-exact", async ([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LinkExactInput? input, LinkExactNames linkExact, CancellationToken ct) =>
            ApiResults.From(await linkExact.HandleAsync(input, ct), r => r))
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        links.MapPut("/{kind}/{id:long}", async (string kind, long id, LinkNameInput input, LinkName link, CancellationToken ct) =>
            NameKinds.TryParse(kind, out var k) ? ApiResults.From(await link.HandleAsync(k, id, input, ct), r => r) : BadKind())
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        links.MapPost("/{kind}/{id:long}/rename", async (string kind, long id, RenameInput input, RenameForQuickBooks rename, CancellationToken ct) =>
            NameKinds.TryParse(kind, out var k) ? ApiResults.From(await rename.HandleAsync(k, id, input, ct), r => r) : BadKind())
            .RequireAuthorization(AccountServiceCollectionExtensions.AdminPolicy);
        return quickbooks;
    }

    private static IResult BadKind() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["kind"] = [$"kind must be {NameKinds.Choices}."] }, title: "The request has invalid fields.");
}
