using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>An owner connected to an emulator company, and a look at the organization's rows as the app sees them.</summary>
public static class QboTestData
{
    public static async Task<(TestUser User, HttpClient Client)> ConnectedOwnerAsync(this QboAppFactory app, string realm)
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var client = await app.BrowserClientAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, realm)).StatusCode);
        return (user, client);
    }

    public static async Task<T> WithDbAsync<T>(this GroundworkAppFactory app, TestUser user, Func<GroundworkDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Use(user.OrganizationId);
        return await work(scope.ServiceProvider.GetRequiredService<GroundworkDbContext>());
    }

    public static Task<QboConnection?> ConnectionAsync(this GroundworkAppFactory app, TestUser user) =>
        app.WithDbAsync(user, db => db.QboConnections.AsNoTracking().FirstOrDefaultAsync());
}
