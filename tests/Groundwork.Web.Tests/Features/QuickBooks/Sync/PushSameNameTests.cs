using System.Net;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Names;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>
/// A sub-customer's DisplayName is unique among all of QuickBooks' customers, vendors and employees (6240 otherwise): two
/// Groundwork records new to QuickBooks with one name, pushed together, are caught in pre-flight — the first is created,
/// the other is held back with the rename — and QuickBooks refuses nothing.
/// </summary>
[Trait("Category", "Database")]
public sealed class PushSameNameTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task PushAll_TwoCustomersEachWithALocationMainSt_TheSecondIsHeldBackWithTheRename_QuickBooksRefusesNothing()
    {
        var owner = await app.PushOwnerAsync();
        // Both made while the drain waits, so one push plans them together (neither is in QuickBooks' lists yet).
        await SetStatusAsync(owner, QboConnectionStatus.NeedsReconnect);
        var (jobA, _, _, _, _) = await owner.Api.JobAsync(location: "Main St");
        var (jobB, locationB, customerB, _, _) = await owner.Api.JobAsync(location: "Main St");
        var first = (await owner.Api.InvoiceAsync(jobA, ("Work", 1, 100m, false, null, null))).Id();
        var second = (await owner.Api.InvoiceAsync(jobB, ("Work", 1, 200m, false, null, null))).Id();
        await SetStatusAsync(owner, QboConnectionStatus.Connected);

        var preview = await owner.Api.GetJsonAsync("/api/v1/quickbooks/preview?all=true");
        var plans = preview.GetProperty("documents").EnumerateArray().ToDictionary(d => d.GetProperty("documentId").GetInt64());
        Assert.Equal(0, plans[first].GetProperty("problems").GetArrayLength());
        var held = Assert.Single(plans[second].GetProperty("problems").EnumerateArray());
        Assert.Equal((NameProblems.NameClash, "Main St (Location)"), (held.GetProperty("code").GetString(), held.GetProperty("suggestedName").GetString()));
        (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { all = true })).EnsureSuccessStatusCode();

        await owner.Api.SyncedAsync("invoices", first);
        var sync = await owner.Api.SyncedAsync("invoices", second, "needsAttention");
        Assert.Equal(NameProblems.NameClash, sync.GetProperty("problem").GetString());
        Assert.Contains("“Main St”", sync.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CustomersNamedAsync(owner, "Main St"));
        await AssertNothingRefusedAsync(owner);
        // QuickBooks (the emulator, as Intuit documents) refuses a second sub-customer of that name under another parent.
        var other = await owner.Qbo.CreateAsync(new QboCustomer { DisplayName = $"Other {Guid.NewGuid():N}"[..16] });
        var refused = await Assert.ThrowsAsync<QboException>(() => owner.Qbo.CreateAsync(new QboCustomer
        {
            DisplayName = "Main St", Job = true, ParentRef = new QboRef(other.Id!),
        }));
        Assert.Equal("6240", refused.Fault.Code);

        // The fix: the suggested rename, then push again.
        (await owner.Api.PostJsonAsync($"/api/v1/quickbooks/links/location/{locationB}/rename", new { name = "Main St (Location)" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Accepted, (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { second } })).StatusCode);
        await owner.Api.SyncedAsync("invoices", second);
        var parentB = await app.WithDbAsync(owner.User, db => db.QboLinks.Where(l => l.Kind == Groundwork.Web.Features.QuickBooks.Links.LinkedKind.Customer
            && l.LocalId == customerB).Select(l => l.QboId).SingleAsync());
        var renamed = Assert.Single(await CustomersAsync(owner, "Main St (Location)"));
        Assert.Equal(parentB, renamed.ParentRef?.Value);
    }

    [Fact]
    public async Task Push_CustomerAndItsLocationOfOneName_TheLocationIsHeldBackWithTheRename_QuickBooksRefusesNothing()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, locationId, _, _, _) = await owner.Api.JobAsync(customer: "Smith Residence", location: "Smith Residence");

        var invoice = (await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null))).Id();
        var sync = await owner.Api.SyncedAsync("invoices", invoice, "needsAttention");

        Assert.Equal(NameProblems.NameClash, sync.GetProperty("problem").GetString());
        Assert.Contains("Smith Residence (Location)", sync.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CustomersNamedAsync(owner, "Smith Residence"));
        await AssertNothingRefusedAsync(owner);

        (await owner.Api.PostJsonAsync($"/api/v1/quickbooks/links/location/{locationId}/rename", new { name = "Smith Residence (Location)" })).EnsureSuccessStatusCode();
        (await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { invoice } })).EnsureSuccessStatusCode();
        await owner.Api.SyncedAsync("invoices", invoice);
        Assert.Equal(1, await CustomersNamedAsync(owner, "Smith Residence"));
        Assert.Equal(1, await CustomersNamedAsync(owner, "Smith Residence (Location)"));
    }

    /// <summary>No write QuickBooks refused, for any record: the clash was found before anything was sent.</summary>
    private async Task AssertNothingRefusedAsync(PushOwner owner)
    {
        var refused = await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.Operation == DocumentPusher.RefusedOperation || e.Result == SyncResult.Failed)
            .Select(e => e.Code + " " + e.Message).ToListAsync());
        Assert.Empty(refused);
    }

    private static async Task<List<QboCustomer>> CustomersAsync(PushOwner owner, string name) =>
        [.. (await owner.Qbo.Client.QueryAsync<QboCustomer>(owner.Qbo.Company, QboQuery.From("Customer").WhereEquals("DisplayName", name), default)).Items];

    private static async Task<int> CustomersNamedAsync(PushOwner owner, string name) => (await CustomersAsync(owner, name)).Count;

    private Task<int> SetStatusAsync(PushOwner owner, QboConnectionStatus status) =>
        app.WithDbAsync(owner.User, db => db.QboConnections.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status)));
}
