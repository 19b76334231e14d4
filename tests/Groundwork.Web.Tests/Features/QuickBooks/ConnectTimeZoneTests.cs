using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks;

[Trait("Category", "Database")]
public sealed class ConnectTimeZoneTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private async Task<string> ZoneAsync(long organizationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        return await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.TimeZone).SingleAsync();
    }

    private async Task SetZoneAsync(long organizationId, string zone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GroundworkDbContext>();
        await db.Organizations.Where(o => o.Id == organizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.TimeZone, zone));
    }

    [Fact]
    public async Task Connect_FirstTime_TakesTheQuickBooksCompanysZoneAndAReconnectKeepsTheOwnersChoice()
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        await SetZoneAsync(user.OrganizationId, "America/New_York");
        var client = await app.BrowserClientAsync(user);

        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm)).StatusCode);
        // The emulator's US company is in Mountain View, California.
        Assert.Equal("America/Los_Angeles", await ZoneAsync(user.OrganizationId));

        await SetZoneAsync(user.OrganizationId, "America/Denver");
        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm)).StatusCode);
        Assert.Equal("America/Denver", await ZoneAsync(user.OrganizationId));
    }

    [Fact]
    public async Task SettingsPage_OwnerPicksAZone_SavesIt()
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var client = await app.BrowserClientAsync(user);
        var page = await client.GetStringAsync("/Settings/Organization");
        var version = System.Text.RegularExpressions.Regex.Match(page, "name=\"Input.Version\" value=\"(\\d+)\"").Groups[1].Value;

        var saved = await client.PostFormAsync("/Settings/Organization",
            new() { ["Input.Name"] = "Acme Builders", ["Input.TimeZone"] = "America/Chicago", ["Input.Version"] = version });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("America/Chicago", await ZoneAsync(user.OrganizationId));
    }

    [Fact]
    public async Task SettingsPage_Member_IsRefused()
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Member);
        var client = await app.BrowserClientAsync(user);

        var answer = await client.GetAsync("/Settings/Organization");

        Assert.NotEqual(HttpStatusCode.OK, answer.StatusCode);
    }
}
