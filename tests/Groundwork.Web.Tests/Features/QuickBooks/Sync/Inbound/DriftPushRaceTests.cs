using System.Data.Common;
using System.Net;
using Groundwork.Web.Data;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// Holds one page request between its first and its second read of a document's sync data (its state in
/// <c>DocumentSyncs</c>, its audit trail in <c>QboSyncLog</c>), so a test can make the company grain land a push exactly
/// there: the ordering a slow page load and a quick push meet by chance.
/// </summary>
public sealed class SyncReadGate : DbCommandInterceptor
{
    private readonly Lock _lock = new();
    private string? _path;
    private int _reads;
    private TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IHttpContextAccessor? Http { get; set; }

    /// <summary>The next GET of <paramref name="path"/> stops before its second read of sync data, until <see cref="Release"/>.</summary>
    public void Arm(string path)
    {
        lock (_lock)
        {
            (_path, _reads) = (path, 0);
            _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when the armed request has made one read of sync data and waits before the next.</summary>
    public Task Paused => _paused.Task;

    public void Release() => _released.TrySetResult();

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!ReadsSyncData(command.CommandText) || Http?.HttpContext?.Request is not { Method: "GET" } request) return result;
        Task? wait = null;
        lock (_lock)
        {
            if (_path is not null && request.Path == _path && ++_reads == 2)
            {
                _path = null;
                _paused.TrySetResult();
                wait = _released.Task;
            }
        }
        if (wait is not null) await wait.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return result;
    }

    private static bool ReadsSyncData(string sql) =>
        sql.Contains("\"DocumentSyncs\"", StringComparison.Ordinal) || sql.Contains("\"QboSyncLog\"", StringComparison.Ordinal);
}

/// <summary>The inbound app with <see cref="SyncReadGate"/> on every context (either provider).</summary>
public sealed class SyncReadGateAppFactory : InboundAppFactory
{
    public SyncReadGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s =>
        {
            s.ConfigureDbContext<SqliteGroundworkDbContext>((sp, o) => o.AddInterceptors(Gated(sp)));
            s.ConfigureDbContext<PostgresGroundworkDbContext>((sp, o) => o.AddInterceptors(Gated(sp)));
        });
    }

    private SyncReadGate Gated(IServiceProvider services)
    {
        Gate.Http ??= services.GetRequiredService<IHttpContextAccessor>();
        return Gate;
    }
}

/// <summary>
/// "Push Groundwork's version" lands while the document's page is being read (the browser walk's flaky drift step): the
/// page may show the state from before the push or after it, but never "Synced" above an audit trail whose newest line is
/// still the drift — that reads as Synced with nothing pushed.
/// </summary>
[Trait("Category", "Database")]
public sealed class DriftPushRaceTests(SyncReadGateAppFactory app) : IClassFixture<SyncReadGateAppFactory>
{
    [Fact]
    public async Task DocumentPage_PushOfGroundworksVersionLandsBetweenItsReads_NeverShowsSyncedAboveTheDriftLine()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(1, 140m)]);
        await owner.Api.DriftAsync("invoices", id);
        var path = $"/invoices/{id}";

        app.Gate.Arm(path);
        var loading = owner.Browser.GetPageAsync(path);
        await app.Gate.Paused.WaitAsync(TimeSpan.FromSeconds(30));
        // The page has read the state or the audit trail, not both: the push is asked for and lands now.
        var pushed = await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Push, id), new { });
        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        await owner.Api.SyncedAsync("invoices", id);
        Assert.Equal(1, await app.UpdatesAsync(owner, id));
        app.Gate.Release();
        var page = await loading;

        (string State, string Newest)[] consistent = [("Needs attention", "drift Invoice"), ("Needs attention", "update Invoice"), ("Synced", "update Invoice")];
        Assert.Contains(Shown(page), consistent);
        var reloaded = await owner.Browser.GetPageAsync(path);
        Assert.Equal(("Synced", "update Invoice"), Shown(reloaded));
    }

    /// <summary>The panel's state and the operation of its audit trail's newest line.</summary>
    private static (string State, string Newest) Shown(AngleSharp.Dom.IDocument page) =>
        (page.QuerySelector("#quickbooks-panel .sync-state")?.TextContent.Trim() ?? "(no state)",
            page.QuerySelector("#sync-audit tbody tr td:nth-child(3)")?.TextContent.Trim() ?? "(no audit)");
}
