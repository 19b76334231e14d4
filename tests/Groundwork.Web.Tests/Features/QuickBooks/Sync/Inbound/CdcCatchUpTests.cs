using Groundwork.QboEmulator;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>The app with every webhook dropped (the emulator's dev app has no webhook URL) and the app clock faked.</summary>
public sealed class WebhooksDroppedAppFactory() : FakeClockQboAppFactory(sqliteFile: true)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.PostConfigure<QboEmulatorOptions>(o => o.ClientApps.ForEach(a => a.WebhookUrl = null)));
    }
}

/// <summary>
/// Nothing is lost when webhooks are: the CDC schedule (every 30 seconds of app time for a company with no webhook lately) applies QuickBooks' changes from the
/// stored cursor, and a cursor older than CDC's 30 days is replaced by a full reconcile of the linked documents.
/// </summary>
[Trait("Category", "Database")]
public sealed class CdcCatchUpTests(WebhooksDroppedAppFactory app) : IClassFixture<WebhooksDroppedAppFactory>
{
    private Task<int> DeliveriesForAsync(string realm) => WithRootDbAsync(db => db.QboWebhookDeliveries.CountAsync(d => d.RealmIds!.Contains(realm)));

    private async Task<T> WithRootDbAsync<T>(Func<GroundworkDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GroundworkDbContext>());
    }

    [Fact]
    public async Task WebhooksDropped_PaymentInQuickBooks_IsAppliedByTheCdcSchedule()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(180m);
        var pushes = await app.PushLogCountAsync(owner);

        await owner.Qbo.ReceivePaymentAsync(qboId, 180m);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var waiting = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");
        var paid = await app.AdvanceUntilDoneAsync(owner.Api.StatusAsync("invoices", id, "Paid", seconds: 60), TimeSpan.FromMinutes(11));

        Assert.Equal("Pending", waiting.Status());
        Assert.Equal(18_000, paid.GetProperty("paidCents").GetInt64());
        Assert.Equal("QuickBooks", paid.LastHistory().GetProperty("byUser").GetString());
        Assert.Equal(0, await DeliveriesForAsync(owner.Realm));
        Assert.Equal(0, await app.OutboxCountAsync(owner));
        Assert.Equal(pushes, await app.PushLogCountAsync(owner));
    }

    [Fact]
    public async Task WebhooksDropped_ScheduleCatchesUpWithin30SecondsOfAppTime_SoTheChangeIsWellInsideAMinute()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(90m);
        await WaitForCursorAsync(owner);

        await owner.Qbo.ReceivePaymentAsync(qboId, 40m);
        var paidAt = app.Time.GetUtcNow().UtcDateTime;
        var caughtUp = await app.AdvanceUntilDoneAsync(CaughtUpAfterAsync(owner, paidAt), TimeSpan.FromMinutes(2));
        var invoice = await owner.Api.StatusAsync("invoices", id, "PartiallyPaid", seconds: 60);

        Assert.InRange(caughtUp - paidAt, TimeSpan.Zero, TimeSpan.FromSeconds(31));
        Assert.Equal(4_000, invoice.GetProperty("paidCents").GetInt64());
    }

    /// <summary>The app time a catch-up that started after <paramref name="after"/> ran at (polls the cursor; real time passes meanwhile).</summary>
    private async Task<DateTime> CaughtUpAfterAsync(PushOwner owner, DateTime after)
    {
        for (var i = 0; i < 6000; i++)
        {
            var ranAt = await app.WithDbAsync(owner.User, db => db.QboCdcCursors.AsNoTracking().Select(c => c.LastRunAtUtc).SingleAsync());
            if (ranAt > after) return ranAt.Value;
            await Task.Delay(10);
        }
        Assert.Fail($"No catch-up ran after {after:O}.");
        return default;
    }

    [Fact]
    public async Task WebhooksDropped_InvoiceDeletedInQuickBooks_IsShownDeletedByTheCdcSchedule()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(35m);
        var current = await owner.Qbo.ReadAsync<QboInvoice>(qboId);

        await owner.Qbo.Client.DeleteAsync<QboInvoice>(owner.Qbo.Company, qboId, current.SyncToken!, Guid.NewGuid().ToString("N"), default);
        var sync = await app.AdvanceUntilDoneAsync(owner.Api.SyncedAsync("invoices", id, "deletedInQuickBooks"), TimeSpan.FromMinutes(11));

        Assert.Equal("deleted-in-quickbooks", sync.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task CursorOlderThanCdcReaches_FullReconcileByQueryStillAppliesThePayment()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(500m);
        var reconciledAt = await WaitForCursorAsync(owner);
        var longAgo = app.Time.GetUtcNow().UtcDateTime.AddDays(-40);
        await app.WithDbAsync(owner.User, db => db.QboCdcCursors.ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangedSinceUtc, longAgo)));

        await owner.Qbo.ReceivePaymentAsync(qboId, 200m);
        var invoice = await app.AdvanceUntilDoneAsync(owner.Api.StatusAsync("invoices", id, "PartiallyPaid", seconds: 60), TimeSpan.FromMinutes(11));

        Assert.Equal(20_000, invoice.GetProperty("paidCents").GetInt64());
        var cursor = await app.WithDbAsync(owner.User, db => db.QboCdcCursors.AsNoTracking().SingleAsync());
        Assert.True(cursor.LastReconcileAtUtc > reconciledAt, $"last reconcile {cursor.LastReconcileAtUtc:O}, before {reconciledAt:O}");
        Assert.True(cursor.ChangedSinceUtc > longAgo.AddDays(30), $"cursor left at {cursor.ChangedSinceUtc:O}");
    }

    /// <summary>Connecting caught up once (a reconcile of nothing), which leaves the cursor the test then ages; when that reconcile ran.</summary>
    private async Task<DateTime?> WaitForCursorAsync(PushOwner owner)
    {
        for (var i = 0; i < 100; i++)
        {
            var cursor = await app.WithDbAsync(owner.User, db => db.QboCdcCursors.AsNoTracking().FirstOrDefaultAsync(c => c.ChangedSinceUtc != null));
            if (cursor is not null) return cursor.LastReconcileAtUtc;
            await Task.Delay(100);
        }
        Assert.Fail("Connecting never caught up with QuickBooks.");
        return null;
    }
}
