using System.Net;
using System.Net.Sockets;
using Groundwork.QuickBooks;
using Groundwork.Web.Data;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Gateway;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Groundwork.Web.Tests.Features.QuickBooks.Gateway;

[Trait("Category", "Database")]
public sealed class GatewayReliabilityTests(FakeClockQboAppFactory app) : IClassFixture<FakeClockQboAppFactory>
{
    private async Task<QboConnection> ConnectionAsync(TestUser user) => (await app.ConnectionAsync(user))!;

    private IQboGatewayGrain Gateway(TestUser user) => app.Services.GetRequiredService<IGrainFactory>().GetGrain<IQboGatewayGrain>(user.OrganizationId);

    [Fact]
    public async Task Gateway_AfterARefreshThatEndedWithoutWaiting_ReadsTheConnectionAgain()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        // A Connected row whose refresh token cannot be read: the refresh answers "not connected" without any I/O that yields.
        await app.WithDbAsync(user, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.RefreshTokenProtected, (string?)null)));
        Assert.False((await Gateway(user).GetAccessAsync(forceRefresh: true)).IsReady);

        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm)).StatusCode);

        var access = await Gateway(user).GetAccessAsync(forceRefresh: false);
        Assert.True(access.IsReady, access.Problem);
    }

    [Fact]
    public async Task Refresh_FailingForAReasonOtherThanInvalidGrant_BacksOffInsteadOfRetryingAtOnce()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.PlainRealm);
        var options = app.Services.GetRequiredService<IOptions<QboClientOptions>>().Value;
        var tokenUrl = options.TokenUrl;
        using var intuitDown = new RefusingEndpoint();
        options.TokenUrl = intuitDown.Url;
        try
        {
            var now = app.Time.GetUtcNow().UtcDateTime;
            await app.WithDbAsync(user, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.AccessTokenExpiresAtUtc, now.AddMinutes(-1))));
            // Changed behind the gateway's back: it holds the token it had until it reads the row again.
            app.Time.Advance(HeldAccess.Revalidate);

            for (var i = 0; i < 5; i++)
            {
                var access = await Gateway(user).GetAccessAsync(forceRefresh: false);
                Assert.False(access.IsReady);
                Assert.Contains("retrying at", access.Problem, StringComparison.Ordinal);
            }
            Assert.Equal(1, intuitDown.Attempts);
            Assert.Contains("QuickBooks sign-in failing, retrying at", await client.GetStringAsync("/Settings/Integrations"), StringComparison.Ordinal);
            Assert.Equal(QboConnectionStatus.Connected, (await ConnectionAsync(user)).Status);

            app.Time.Advance(TimeSpan.FromSeconds(31));
            await Gateway(user).GetAccessAsync(forceRefresh: false);
            Assert.Equal(2, intuitDown.Attempts);
            app.Time.Advance(TimeSpan.FromSeconds(31));
            await Gateway(user).GetAccessAsync(forceRefresh: false);
            Assert.Equal(2, intuitDown.Attempts);
        }
        finally
        {
            options.TokenUrl = tokenUrl;
        }

        app.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.True((await Gateway(user).GetAccessAsync(forceRefresh: false)).IsReady);
        Assert.Null(await Gateway(user).GetSignInTroubleAsync());
    }

    [Fact]
    public async Task DisconnectUrl_OpenedManyTimes_ChecksTheTokensOncePerMinute()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var before = await ConnectionAsync(user);
        var anyone = app.CreateBrowserClient();
        var url = $"/integrations/quickbooks/disconnected?realmId={QboAppFactory.UsRealm}";

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => anyone.GetAsync(url)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(before.Version + 1, (await ConnectionAsync(user)).Version);

        app.Time.Advance(TimeSpan.FromSeconds(61));
        await anyone.GetAsync(url);
        Assert.Equal(before.Version + 2, (await ConnectionAsync(user)).Version);
    }

    [Fact]
    public async Task Readiness_WhileTheConnectionIsDown_IsShownAsStaleNotGreen()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        Assert.Contains("data-key=\"tax-agency\" class=\"ok\"", await client.GetStringAsync("/Settings/Integrations"), StringComparison.Ordinal);

        var qbo = app.CreateEmulatorAdminClient();
        Assert.True((await qbo.PostAsync($"/qbo/admin/api/companies/{QboAppFactory.UsRealm}/disconnect", null)).IsSuccessStatusCode);
        Assert.False((await Gateway(user).GetAccessAsync(forceRefresh: true)).IsReady);

        var page = await client.GetStringAsync("/Settings/Integrations");
        Assert.Contains("id=\"readiness-stale\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"ok\"", page, StringComparison.Ordinal);
        Assert.Contains("data-key=\"tax-agency\" class=\"stale\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAgain_WhenQuickBooksAnswers5xx_SaysSoOnThePage()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        // Connecting starts a catch-up with QuickBooks (CDC): let it finish first, or it would take the throttled answer.
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<Groundwork.Web.Features.QuickBooks.Sync.ICompanySyncGrain>(user.OrganizationId);
        for (var i = 0; i < 200 && await grain.IsDrainingAsync(); i++) await Task.Delay(50);
        Assert.False(await grain.IsDrainingAsync(), "the catch-up after connecting kept running");
        var admin = app.CreateEmulatorAdminClient();
        var inject = await admin.PutAsync($"/qbo/admin/api/faults/{QboAppFactory.UsRealm}",
            new StringContent("""{"failNext":4}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(inject.IsSuccessStatusCode);

        var check = await app.AdvanceUntilDoneAsync(
            client.PostFormAsync("/Settings/Integrations?handler=Readiness", [], "/Settings/Integrations"), TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("QuickBooks did not answer (intuit_tid", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await admin.DeleteAsync("/qbo/admin/api/faults");
    }

    [Fact]
    public async Task Gateway_CallerWhoseTokenWasAlreadyReplaced_GetsTheNewOneWithoutAnotherRefresh()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.PlainRealm);
        var old = (await Gateway(user).GetAccessAsync(forceRefresh: false)).AccessToken;
        var first = await Gateway(user).GetAccessAsync(forceRefresh: true, rejectedToken: old);
        var version = (await ConnectionAsync(user)).Version;

        // A second caller whose call with the old token was refused a moment later.
        var second = await Gateway(user).GetAccessAsync(forceRefresh: true, rejectedToken: old);

        Assert.NotEqual(old, first.AccessToken);
        Assert.Equal(first.AccessToken, second.AccessToken);
        Assert.Equal(version, (await ConnectionAsync(user)).Version);
    }

    [Fact]
    public async Task Gateway_ManyCallersWhenTheTokenIsDue_RefreshOnceAndPersistTheRotatedToken()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var now = app.Time.GetUtcNow().UtcDateTime;
        // Due (inside the refresh margin) once the gateway reads the row again, but not yet expired.
        var dueAt = now + HeldAccess.Revalidate + TimeSpan.FromMinutes(1);
        await app.WithDbAsync(user, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.AccessTokenExpiresAtUtc, dueAt)));
        var before = await ConnectionAsync(user);
        app.Time.Advance(HeldAccess.Revalidate);

        var results = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => Gateway(user).GetAccessAsync(forceRefresh: false)));

        Assert.All(results, r => Assert.True(r.IsReady, r.Problem));
        Assert.Single(results.Select(r => r.AccessToken).Distinct());
        var after = await ConnectionAsync(user);
        Assert.NotEqual(before.RefreshTokenProtected, after.RefreshTokenProtected);
        Assert.True(after.AccessTokenExpiresAtUtc > dueAt.AddMinutes(30));
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Fact]
    public async Task Gateway_BetweenCalls_HoldsTheTokenAndSeesARowChangedBehindItsBackWithinAMinute()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var held = await Gateway(user).GetAccessAsync(forceRefresh: false);
        Assert.True(held.IsReady, held.Problem);
        // Not a use case (those tell the gateway): another host's stale activation, or an operator, changes the row.
        await app.WithDbAsync(user, db => db.QboConnections.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.Status, QboConnectionStatus.NeedsReconnect).SetProperty(c => c.StatusReason, "Changed elsewhere.")));

        // The row is not read for every call...
        Assert.Equal(held.AccessToken, (await Gateway(user).GetAccessAsync(forceRefresh: false)).AccessToken);
        app.Time.Advance(HeldAccess.Revalidate);
        // ...but within a minute.
        var later = await Gateway(user).GetAccessAsync(forceRefresh: false);

        Assert.False(later.IsReady);
        Assert.Equal("Changed elsewhere.", later.Problem);
    }

    [Fact]
    public async Task Gateway_TokenRefreshedByAnotherHost_ReadsTheRowOnARefusalAndUsesItWithoutAnotherRefresh()
    {
        var (user, _) = await app.ConnectedOwnerAsync(QboAppFactory.PlainRealm);
        var held = (await Gateway(user).GetAccessAsync(forceRefresh: false)).AccessToken;
        // Another host (a duplicate activation during a cluster change) refreshes and saves the rotated pair, as its gateway does.
        var theirs = await app.WithDbAsync(user, async db =>
        {
            var vault = app.Services.GetRequiredService<QboTokenVault>();
            var connection = await db.QboConnections.SingleAsync();
            var tokens = await app.Services.GetRequiredService<Groundwork.QuickBooks.OAuth.QboOAuthClient>().RefreshAsync(vault.RefreshToken(connection)!, CancellationToken.None);
            vault.Store(connection, tokens);
            await db.SaveChangesAsync();
            return tokens.AccessToken;
        });
        var version = (await ConnectionAsync(user)).Version;

        // QuickBooks refuses the token this gateway held: it reads the row before refreshing, and finds theirs.
        var access = await Gateway(user).GetAccessAsync(forceRefresh: true, rejectedToken: held);

        Assert.NotEqual(held, theirs);
        Assert.Equal(theirs, access.AccessToken);
        Assert.Equal(theirs, (await Gateway(user).GetAccessAsync(forceRefresh: false)).AccessToken);
        Assert.Equal(version, (await ConnectionAsync(user)).Version);
    }

    [Fact]
    public async Task Gateway_DisconnectAndReconnect_DropTheHeldTokenAtOnce()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        var held = await Gateway(user).GetAccessAsync(forceRefresh: false);
        Assert.True(held.IsReady, held.Problem);

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Settings/Integrations?handler=Disconnect", [], "/Settings/Integrations")).StatusCode);
        var disconnected = await Gateway(user).GetAccessAsync(forceRefresh: false);
        Assert.False(disconnected.IsReady);
        Assert.Contains("Disconnected from Groundwork", disconnected.Problem, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await QboConnectFlow.ConnectAsync(client, QboAppFactory.UsRealm)).StatusCode);
        var reconnected = await Gateway(user).GetAccessAsync(forceRefresh: false);
        Assert.True(reconnected.IsReady, reconnected.Problem);
        Assert.NotEqual(held.AccessToken, reconnected.AccessToken);
        Assert.Equal(reconnected.AccessToken, app.Services.GetRequiredService<QboTokenVault>().AccessToken((await ConnectionAsync(user))));
    }

    [Fact]
    public async Task CheckAgain_WhenQuickBooksThrottles_AnswersAtOnceInsteadOfWaitingAMinute()
    {
        var (user, client) = await app.ConnectedOwnerAsync(QboAppFactory.UsRealm);
        // Connecting starts a catch-up with QuickBooks (CDC): let it finish first, or it would take the throttled answer.
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<Groundwork.Web.Features.QuickBooks.Sync.ICompanySyncGrain>(user.OrganizationId);
        for (var i = 0; i < 200 && await grain.IsDrainingAsync(); i++) await Task.Delay(50);
        Assert.False(await grain.IsDrainingAsync(), "the catch-up after connecting kept running");
        var admin = app.CreateEmulatorAdminClient();
        var inject = await admin.PutAsync($"/qbo/admin/api/faults/{QboAppFactory.UsRealm}",
            new StringContent("""{"throttleNext":1}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(inject.IsSuccessStatusCode);

        // The app clock does not move here: a page that waited out QBO's minute would never answer.
        var check = await client.PostFormAsync("/Settings/Integrations?handler=Readiness", [], "/Settings/Integrations").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("QuickBooks did not answer (intuit_tid", await check.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await admin.DeleteAsync("/qbo/admin/api/faults");
    }

    /// <summary>A port that accepts connections and closes them at once, counting them: Intuit's token endpoint, down.</summary>
    private sealed class RefusingEndpoint : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private int _attempts;

        public RefusingEndpoint()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/oauth2/v1/tokens/bearer");
        public int Attempts => Volatile.Read(ref _attempts);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var socket = await _listener.AcceptSocketAsync();
                    Interlocked.Increment(ref _attempts);
                    socket.Close();
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        public void Dispose() => _listener.Stop();
    }
}
