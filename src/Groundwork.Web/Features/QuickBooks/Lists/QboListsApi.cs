using Groundwork.Web.Data;
using Groundwork.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Features.QuickBooks.Lists;

/// <summary>One QBO list record as the API shows it.</summary>
public sealed record QboListEntryDto(string Id, string Name, string? FullyQualifiedName, bool Active, string? ParentId, string? Type, string? Classification)
{
    public static QboListEntryDto From(QboListEntry e) => new(e.QboId, e.Name, e.FullyQualifiedName, e.Active, e.ParentId, e.Subtype, e.Classification);
}

/// <summary>A page of a QBO list as cached, with when it was read from QBO.</summary>
public sealed record QboListPageDto(IReadOnlyList<QboListEntryDto> Items, int Page, int PageSize, int Total, DateTime RefreshedAtUtc);

/// <summary>Query of a QBO list: search, paging, inactive records (shown by default, marked), and a refresh from QBO.</summary>
public sealed class QboListQuery
{
    public string? Q { get; set; }
    public int? Page { get; set; }
    public int? PageSize { get; set; }
    public bool? Refresh { get; set; }
    public bool? IncludeInactive { get; set; }
}

internal static class QboListsApi
{
    public static RouteGroupBuilder MapQboListsApi(this RouteGroupBuilder quickbooks)
    {
        quickbooks.MapGet("/items", ([AsParameters] QboListQuery query, QboLists lists, CancellationToken ct) => PageAsync(QboListType.Item, query, lists, ct));
        quickbooks.MapGet("/classes", ([AsParameters] QboListQuery query, QboLists lists, CancellationToken ct) => PageAsync(QboListType.Class, query, lists, ct));
        quickbooks.MapGet("/accounts", ([AsParameters] QboListQuery query, QboLists lists, CancellationToken ct) => PageAsync(QboListType.Account, query, lists, ct));
        return quickbooks;
    }

    internal static async Task<IResult> PageAsync(QboListType list, QboListQuery query, QboLists lists, CancellationToken ct)
    {
        var snapshot = await lists.GetAsync(list, query.Refresh == true, ct);
        if (!snapshot.IsOk) return ApiResults.From(snapshot, s => s);
        var paging = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        var page = await lists.PageAsync(snapshot.Value!.ConnectionId, list, query.Q, query.IncludeInactive ?? true, paging.SafePage, paging.SafePageSize, ct);
        return TypedResults.Ok(new QboListPageDto([.. page.Items.Select(QboListEntryDto.From)], page.Page, page.PageSize, page.Total, snapshot.Value.RefreshedAtUtc));
    }
}
