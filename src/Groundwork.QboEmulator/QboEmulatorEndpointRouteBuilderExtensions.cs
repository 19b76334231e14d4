using Groundwork.QboEmulator.Admin;
using Groundwork.QboEmulator.Api;
using Groundwork.QboEmulator.Infrastructure;
using Groundwork.QboEmulator.OAuth;
using Groundwork.QboEmulator.Ui;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the QBO emulator (OAuth, <c>/v3/company/{realmId}/…</c>, admin API, people UI) under one prefix.</summary>
public static class QboEmulatorEndpointRouteBuilderExtensions
{
    /// <summary>Maps everything under <paramref name="prefix"/> ("" standalone, e.g. "/qbo" when embedded).</summary>
    public static RouteGroupBuilder MapQboEmulator(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        var normalized = prefix.Trim().TrimEnd('/');
        if (normalized.Length > 0 && normalized[0] != '/')
        {
            normalized = "/" + normalized;
        }

        endpoints.ServiceProvider.GetRequiredService<EmulatorRoutes>().Prefix = normalized;
        // The emulator has its own sign-in and client authentication: a host's fallback authorization policy must not apply.
        var root = endpoints.MapGroup(normalized).AllowAnonymous().AddEndpointFilter(static async (context, next) =>
        {
            context.HttpContext.Response.Headers["intuit_tid"] = ApiWriter.NewTid();
            return await next(context);
        });
        OAuthEndpoints.Map(root);
        root.MapMethods("/v3/company/{realmId}/{**path}", ["GET", "POST"], static (HttpContext http, string realmId, string? path, ApiDispatcher api) =>
            api.HandleAsync(http, realmId, path ?? ""));
        AdminEndpoints.Map(root);
        UiEndpoints.Map(root);
        return root;
    }
}
