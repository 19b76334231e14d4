using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace Groundwork.Web.Infrastructure;

/// <summary>Paging links that keep the current filters.</summary>
public sealed class Pager(HttpRequest request, int page, int pageSize, int total)
{
    public int Page { get; } = page;
    public int Total { get; } = total;
    public int Pages { get; } = Math.Max(1, (total + pageSize - 1) / pageSize);

    public string Link(int target)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var builder = new QueryBuilder(query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "page", target.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return request.Path + builder.ToQueryString().Value;
    }

    public static Pager For<T>(HttpRequest request, PageOf<T> page) => new(request, page.Page, page.PageSize, page.Total);
}
