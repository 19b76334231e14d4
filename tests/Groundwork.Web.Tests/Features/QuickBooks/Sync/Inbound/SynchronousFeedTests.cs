using System.Collections.Concurrent;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>QBO's answers for the status-back path, handed back already completed (as a cache would).</summary>
public sealed class SynchronousChangeFeed : IQboChangeFeed
{
    private int _reads;

    /// <summary>Keyed <c>Entity:Id</c>; an entity not here reads as deleted.</summary>
    public ConcurrentDictionary<string, QboTransaction> Answers { get; } = new(StringComparer.Ordinal);

    public int Reads => _reads;

    public Task<QboChange> ReadAsync(string entity, string id, CancellationToken ct)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(new QboChange(entity, id, Answers.GetValueOrDefault($"{entity}:{id}")));
    }

    public Task<IReadOnlyList<QboTransaction>> ReadManyAsync(string entity, IReadOnlyList<string> ids, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<QboTransaction>>([.. ids.Select(id => Answers.GetValueOrDefault($"{entity}:{id}")).OfType<QboTransaction>()]);

    public Task<QboChanges> ChangesSinceAsync(DateTimeOffset since, CancellationToken ct) => Task.FromResult(new QboChanges([], TimeProvider.System.GetUtcNow()));

    public Task<DateTimeOffset?> ServerTimeAsync(CancellationToken ct) => Task.FromResult<DateTimeOffset?>(TimeProvider.System.GetUtcNow());
}

public sealed class SynchronousFeedAppFactory : InboundAppFactory
{
    public SynchronousChangeFeed Feed { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.RemoveAll<IQboChangeFeed>().AddSingleton<IQboChangeFeed>(Feed));
    }
}

/// <summary>The company grain's status-back path when every fetch completes synchronously: applied once, and the loop ends.</summary>
[Trait("Category", "Database")]
public sealed class SynchronousFeedTests(SynchronousFeedAppFactory app) : IClassFixture<SynchronousFeedAppFactory>
{
    [Fact]
    public async Task ChangeEvent_WhenTheFetchCompletesSynchronously_IsAppliedOnceAndTheGrainGoesIdle()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(120m);
        // Invoices are paid by payment records: the payment QuickBooks made is what is read.
        app.Feed.Answers["Payment:9001"] = new QboPayment
        {
            Id = "9001", SyncToken = "7", TotalAmt = 120m, Line = [new QboLine { Amount = 120m, LinkedTxn = [new QboLinkedTxn { TxnId = qboId, TxnType = "Invoice" }] }],
        };
        var reads = app.Feed.Reads;

        var response = await app.CreateBrowserClient().PostWebhookAsync(InboundTestData.CloudEvent(owner.Realm, "Payment", "9001", "updated", TimeProvider.System.GetUtcNow()));

        response.EnsureSuccessStatusCode();
        var invoice = await owner.Api.StatusAsync("invoices", id, "Paid");
        Assert.Equal(12_000, invoice.GetProperty("paidCents").GetInt64());
        var grain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<ICompanySyncGrain>(owner.User.OrganizationId);
        var idle = false;
        for (var i = 0; i < 100 && !idle; i++)
        {
            idle = !await grain.IsDrainingAsync();
            if (!idle) await Task.Delay(50);
        }
        Assert.True(idle, "the company grain's loop kept running");
        Assert.Equal(reads + 1, app.Feed.Reads);
        var stored = await app.WithDbAsync(owner.User, db => db.QboChangeEvents.AsNoTracking().SingleAsync(e => e.EntityId == "9001" && e.Operation == "Update"));
        Assert.NotNull(stored.ProcessedAtUtc);
        Assert.StartsWith("applied: payment", stored.Outcome, StringComparison.Ordinal);
        var link = await app.WithDbAsync(owner.User, db => db.QboLinks.AsNoTracking().SingleAsync(l => l.QboIdentity == "Payment:9001"));
        Assert.Equal("7", link.SyncToken);
    }
}
