using System.Net.Http.Json;
using System.Text.Json;
using Groundwork.QuickBooks;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks;

/// <summary>
/// The emulator's minute lasts 6 s (time scale 10); Groundwork's window is shortened to match, and so is its headroom
/// scaled: a call admitted at the end of one window can reach QBO in the next. The default (480 of 500) leaves 2.4 s of
/// such delay in a real minute, which is 0.24 s in a 6 s one: less than a busy CI machine's scheduling delays (CI once saw
/// 77 throttled). 360 of 500 leaves about 2 s of the 6.
/// </summary>
public sealed class FastMinuteQboAppFactory : QboAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("QboEmulator:TimeScale", "10");
        builder.UseSetting("QuickBooks:Limits:Window", "00:00:06");
        builder.UseSetting("QuickBooks:Limits:RequestsPerWindow", "360");
    }
}

[Trait("Category", "Database")]
public sealed class GatewayLimitsTests(FastMinuteQboAppFactory app) : IClassFixture<FastMinuteQboAppFactory>
{
    [Fact]
    public async Task Burst_Of2000Calls_NeverMeetsTheEmulatorsLimits()
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        var client = await app.BrowserClientAsync(user);
        await QboConnectFlow.ConnectAsync(client, QboAppFactory.PlainRealm);
        var before = await CountersAsync(QboAppFactory.PlainRealm);

        await using var scope = app.Services.CreateAsyncScope();
        var calls = scope.ServiceProvider.GetRequiredService<QboCompanyCalls>();
        var results = await Task.WhenAll(Enumerable.Range(0, 2000).Select(_ =>
            calls.CallAsync(user.OrganizationId, (c, company, ct) => c.CountAsync(company, QboQuery.Count("Customer"), ct), CancellationToken.None)));

        Assert.All(results, count => Assert.True(count > 0));
        var after = await CountersAsync(QboAppFactory.PlainRealm);
        Assert.Equal(before.Throttled, after.Throttled);
        Assert.True(after.Accepted - before.Accepted >= 2000);
    }

    private async Task<(long Accepted, long Throttled)> CountersAsync(string realm)
    {
        var http = app.CreateEmulatorAdminClient();
        var all = await http.GetFromJsonAsync<JsonElement>("/qbo/admin/api/counters");
        foreach (var c in all.EnumerateArray())
        {
            if (c.GetProperty("realmId").GetString() == realm)
            {
                return (c.GetProperty("accepted").GetInt64(), c.GetProperty("throttled").GetInt64());
            }
        }
        return (0, 0);
    }
}

/// <summary>One call in flight per company, and the app clock faked, so a throttled call's wait is visible and costs no real time.</summary>
public sealed class OneSlotQboAppFactory : FakeClockQboAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("QuickBooks:Limits:ConcurrentRequests", "1");
    }
}

public sealed class GatewayThrottleTests(OneSlotQboAppFactory app) : IClassFixture<OneSlotQboAppFactory>
{
    [Fact]
    public async Task Call_WhenQuickBooksThrottles_WaitsWithoutHoldingItsSlotThenSucceeds()
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        await QboConnectFlow.ConnectAsync(await app.BrowserClientAsync(user), QboAppFactory.UsRealm);
        var admin = app.CreateEmulatorAdminClient();
        var inject = await admin.PutAsync($"/qbo/admin/api/faults/{QboAppFactory.UsRealm}",
            new StringContent("""{"throttleNext":1}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(inject.IsSuccessStatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var calls = scope.ServiceProvider.GetRequiredService<QboCompanyCalls>();

        var throttled = calls.CallAsync(user.OrganizationId, (c, company, ct) => c.ReadCompanyInfoAsync(company, ct), CancellationToken.None);
        while ((await (await admin.GetAsync("/qbo/admin/api/faults")).ReadJsonAsync()).GetProperty(QboAppFactory.UsRealm).GetProperty("throttleNext").GetInt32() > 0)
        {
            await Task.Delay(20);
        }
        // The throttled call now waits out QBO's Retry-After (60 s) on the app clock. The company's only slot must be free
        // meanwhile: another call gets through while the clock moves on by at most 10 s. (It may find the slot still held for
        // a moment, until the throttled call has read its 429 and let go; a wait for a slot runs in real time.)
        var otherCall = calls.CallAsync(user.OrganizationId, (c, company, ct) => c.CountAsync(company, QboQuery.Count("Customer"), ct), CancellationToken.None);
        for (var step = 0; step < 100 && !otherCall.IsCompleted; step++)
        {
            await Task.Delay(50);
            app.Time.Advance(TimeSpan.FromMilliseconds(100));
        }
        var other = await otherCall.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.False(throttled.IsCompleted);

        var info = await app.AdvanceUntilDoneAsync(throttled, TimeSpan.FromMinutes(3));
        Assert.True(other > 0);
        Assert.Equal("Groundwork Demo Builders", info.Value.CompanyName);
    }

    [Fact]
    public async Task Call_WaitingForTheCompanysOnlySlot_GoesWhenItFrees_InRealTime_WithTheAppClockStill()
    {
        app.StartServer();
        var user = await app.CreateUserAsync(OrganizationRole.Owner);
        await QboConnectFlow.ConnectAsync(await app.BrowserClientAsync(user), QboAppFactory.UsRealm);
        var gateway = app.Services.GetRequiredService<Orleans.IGrainFactory>().GetGrain<IQboGatewayGrain>(user.OrganizationId);
        await using var scope = app.Services.CreateAsyncScope();
        var calls = scope.ServiceProvider.GetRequiredService<QboCompanyCalls>();
        // Another call holds the slot (taken here as a call takes it); this one waits for it.
        (TimeSpan Wait, bool ForSlot) held = (TimeSpan.FromSeconds(1), false);
        for (var i = 0; i < 200 && held.Wait > TimeSpan.Zero; i++)
        {
            held = await gateway.TryAcquireAsync(batch: false);
            if (held.Wait > TimeSpan.Zero) await Task.Delay(20);
        }
        Assert.Equal(TimeSpan.Zero, held.Wait);
        var waiting = calls.CallAsync(user.OrganizationId, (c, company, ct) => c.ReadCompanyInfoAsync(company, ct), CancellationToken.None);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        // The slot frees as the other call's answer comes: the waiting call goes, though the app's clock has not moved (a
        // connect's readiness check behind the company's catch-up waited for ever on a test's still clock before).
        await gateway.ReleaseAsync();
        var info = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("Groundwork Demo Builders", info.Value.CompanyName);
    }
}
