using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Groundwork.Web.Features.Account;

/// <summary>
/// A page every member may read but only <paramref name="policy"/> may change: every POST handler is authorized against
/// the named policy before it runs (Razor Pages cannot put a policy on one handler), so no handler checks roles by hand.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PostsRequirePolicyAttribute(string policy) : Attribute, IAsyncPageFilter
{
    public string Policy { get; } = policy;

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            var authorization = context.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
            if (!(await authorization.AuthorizeAsync(context.HttpContext.User, Policy)).Succeeded)
            {
                context.Result = new ForbidResult();
                return;
            }
        }
        await next();
    }
}
