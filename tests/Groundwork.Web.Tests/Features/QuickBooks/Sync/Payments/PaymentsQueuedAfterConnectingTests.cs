using System.Net;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Data;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Infrastructure;
using Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Payments;

/// <summary>
/// Payments recorded before connecting are queued by the company's grain after the OAuth callback has answered, two at a
/// time here, behind a gate the test opens: the callback never waits for them, and a host that stops half-way through
/// leaves nothing lost and nothing twice for the next one to finish.
/// </summary>
[Trait("Category", "Database")]
public sealed class PaymentsQueuedAfterConnectingTests
{
    private const int Payments = 5;

    /// <summary>Opened by the test one chunk at a time; counts the grain's tries.</summary>
    public sealed class ChunkGate
    {
        private readonly SemaphoreSlim _open = new(0);
        private int _tries;

        public int Tries => Volatile.Read(ref _tries);

        public void Open(int chunks) => _open.Release(chunks);

        public Task WaitAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref _tries);
            return _open.WaitAsync(ct);
        }
    }

    internal sealed class GatedPaymentsBeforeConnecting : PaymentsBeforeConnecting
    {
        private readonly ChunkGate _gate;

        public GatedPaymentsBeforeConnecting(GroundworkDbContext db, UnsyncedRecords unsynced, AppClock clock, ChunkGate gate) : base(db, unsynced, clock)
        {
            _gate = gate;
            ChunkSize = 2;
        }

        public override async Task<DateTime?> QueueAsync(CancellationToken ct)
        {
            await _gate.WaitAsync(ct);
            return await base.QueueAsync(ct);
        }
    }

    private sealed class GatedAppFactory() : QboAppFactory(sqliteFile: true)
    {
        public ChunkGate Gate { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton(Gate).AddScoped<PaymentsBeforeConnecting, GatedPaymentsBeforeConnecting>());
        }
    }

    private static async Task<(PushOwner Owner, List<long> PaymentIds)> ConnectedWithPaymentsBeforeAsync(QboAppFactory app)
    {
        var paymentIds = new List<long>();
        var owner = await app.OwnerConnectedAfterAsync(async api =>
        {
            var (jobId, _, _, _, _) = await api.JobAsync();
            for (var i = 0; i < Payments; i++)
            {
                var invoiceId = (await api.CreateInvoiceAsync(jobId, 10m + i)).Id();
                paymentIds.Add((await api.RecordPaymentAsync(null, (invoiceId, 10m + i))).Id());
            }
        }, waitForPayments: false);
        return (owner, paymentIds);
    }

    private static Task<List<long>> PaymentRowsAsync(QboAppFactory app, PushOwner owner) =>
        app.WithDbAsync(owner.User, db => db.QboOutbox.Where(e => e.Kind == LinkedKind.Payment).OrderBy(e => e.LocalId).Select(e => e.LocalId).ToListAsync());

    private static async Task PushAllAndExpectEachPaymentOnceAsync(QboAppFactory app, PushOwner owner, List<long> paymentIds)
    {
        var pushed = await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true });
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        await owner.Api.RunEndedAsync((await pushed.ReadJsonAsync()).GetProperty("id").GetString()!);
        foreach (var id in paymentIds)
        {
            await owner.Api.PaymentSyncAsync(id, "synced");
            Assert.Single(await owner.Qbo.MarkedAsync<QboPayment>(id));
        }
        Assert.Equal(Payments, await app.WithDbAsync(owner.User, db => db.QboSyncLog.CountAsync(e => e.Kind == LinkedKind.Payment && e.Operation == "create")));
    }

    [Fact]
    public async Task ConnectCallback_AnswersWithoutQueueingPaymentsRecordedBefore_TheGrainQueuesThemAfter_AndPushAllSendsEachOnce()
    {
        await using var app = new GatedAppFactory();
        var (owner, paymentIds) = await ConnectedWithPaymentsBeforeAsync(app);

        // The callback has answered (the redirect) and the grain has come to the payments, but nothing is queued yet.
        for (var i = 0; i < 100 && app.Gate.Tries == 0; i++) await Task.Delay(100);
        Assert.Equal(1, app.Gate.Tries);
        Assert.Empty(await PaymentRowsAsync(app, owner));
        Assert.Equal(Payments, await app.PaymentsNotQueuedAsync(owner.User));

        app.Gate.Open(100);
        await app.PaymentsQueuedAsync(owner.User);
        Assert.Equal(paymentIds, await PaymentRowsAsync(app, owner));
        // Two at a time: three chunks, the last one short, and then nothing more is asked.
        Assert.Equal(3, app.Gate.Tries);
        foreach (var id in paymentIds) await owner.Api.PaymentSyncAsync(id, "waiting");

        await PushAllAndExpectEachPaymentOnceAsync(app, owner, paymentIds);
    }

    [Fact]
    public async Task HostStoppedHalfWayThroughPaymentsRecordedBefore_TheNextHostQueuesTheRest_NoneLostNoneTwice()
    {
        await using var app = new GatedAppFactory();
        var (owner, paymentIds) = await ConnectedWithPaymentsBeforeAsync(app);
        app.Gate.Open(1);
        for (var i = 0; i < 100 && app.Gate.Tries < 2; i++) await Task.Delay(100);
        // One chunk committed; the first host's grain is held before the next one, as if the host had died there.
        Assert.Equal(2, app.Gate.Tries);
        Assert.Equal(paymentIds[..2], await PaymentRowsAsync(app, owner));

        await using var restarted = new SecondHostFactory(app);
        restarted.StartServer();
        await app.PaymentsQueuedAsync(owner.User);
        Assert.Equal(paymentIds, await PaymentRowsAsync(app, owner));

        // The first host's grain goes on after all (two hosts at once, or a step run twice): it finds nothing left to queue.
        app.Gate.Open(100);
        for (var i = 0; i < 100 && app.Gate.Tries < 3; i++) await Task.Delay(100);
        await Task.Delay(500);
        Assert.Equal(paymentIds, await PaymentRowsAsync(app, owner));

        await PushAllAndExpectEachPaymentOnceAsync(app, owner, paymentIds);
    }
}
