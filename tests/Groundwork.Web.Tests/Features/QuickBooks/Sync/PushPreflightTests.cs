using System.Net;
using System.Net.Http.Json;
using Groundwork.QuickBooks;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>Each pre-flight rule holds a document back with its reason and fix, and QuickBooks never sees it.</summary>
[Trait("Category", "Database")]
public sealed class PushPreflightTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private static async Task<int> CustomersNamedAsync(PushOwner owner, string name) =>
        (await owner.Qbo.Client.QueryAsync<QboCustomer>(owner.Qbo.Company, QboQuery.From("Customer").WhereEquals("DisplayName", name), default)).Items.Count;

    [Fact]
    public async Task Push_CustomerNameWithColon_NeedsAttentionWithRenameFix_AndNothingReachesQuickBooks()
    {
        var owner = await app.PushOwnerAsync();
        var name = $"Smith: Kitchen {Guid.NewGuid():N}"[..24];
        var (jobId, _, customerId, _, _) = await owner.Api.JobAsync(customer: name);
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");

        Assert.Equal(Groundwork.Web.Features.QuickBooks.Names.NameProblems.Colon, sync.GetProperty("problem").GetString());
        Assert.Contains("colon", sync.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await CustomersNamedAsync(owner, name));
        var logged = await app.WithDbAsync(owner.User, db => db.QboSyncLog.Where(e => e.LocalId == invoice.Id()).ToListAsync());
        Assert.Contains(logged, e => e.Result == SyncResult.Refused && e.Code == "colon");
        Assert.DoesNotContain(logged, e => e.Operation == "create");

        var renamed = await owner.Api.PostJsonAsync($"/api/v1/quickbooks/links/customer/{customerId}/rename", new { name = name.Replace(":", " -", StringComparison.Ordinal) });
        renamed.EnsureSuccessStatusCode();
        var push = await owner.Api.PostJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { invoice.Id() } });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, push.StatusCode);
        await owner.Api.SyncedAsync("invoices", invoice.Id(), "synced");
    }

    [Fact]
    public async Task Push_NoDefaultItem_NeedsAttentionPointingAtTheProductsPage()
    {
        var owner = await app.PushOwnerAsync(defaultItem: false);
        var (jobId, _, _, customer, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");

        Assert.Equal(PushChecks.NoDefaultItem, sync.GetProperty("problem").GetString());
        Assert.Equal(0, await CustomersNamedAsync(owner, customer));
    }

    [Fact]
    public async Task Push_NoTaxAgencyInQuickBooks_IsBlockedWithQuickBooksSteps()
    {
        var owner = await app.PushOwnerAsync("plain");
        var (jobId, _, _, customer, _) = await owner.Api.JobAsync();
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");

        Assert.Equal(PushChecks.TaxAgency, sync.GetProperty("problem").GetString());
        var preview = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/preview?documentIds={invoice.Id()}");
        var problem = preview.GetProperty("documents")[0].GetProperty("problems")[0];
        Assert.Contains("Taxes", problem.GetProperty("fix").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CustomersNamedAsync(owner, customer));
    }

    [Fact]
    public async Task Push_LineOnAHalfCent_IsHeldBackBecauseQuickBooksRoundsItOtherwise()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        // 0.5 × 0.25 = 0.125: Groundwork rounds half away from zero (0.13), QuickBooks checks against 0.12.
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Washers", 0.5m, 0.25m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");

        Assert.Equal(PushChecks.LineAmount, sync.GetProperty("problem").GetString());
        Assert.Contains("0.12", sync.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_CustomerNamedLikeAQuickBooksVendor_NeedsAttentionWithSuffixRename()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, _, _) = await owner.Api.JobAsync(customer: "Hicks Hardware");
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 10m, false, null, null));

        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");

        Assert.Equal(Groundwork.Web.Features.QuickBooks.Names.NameProblems.NameClash, sync.GetProperty("problem").GetString());
        var preview = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/preview?documentIds={invoice.Id()}");
        Assert.Equal("Hicks Hardware (Customer)", preview.GetProperty("documents")[0].GetProperty("problems")[0].GetProperty("suggestedName").GetString());
    }

    [Fact]
    public async Task Push_CustomerOfAnExistingQuickBooksName_LinksItInsteadOfCreatingAnother()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, customerId, _, _) = await owner.Api.JobAsync(customer: "Cool Cars");
        var invoice = await owner.Api.InvoiceAsync(jobId, ("Work", 1, 10m, false, null, null));

        await owner.Api.SyncedAsync("invoices", invoice.Id());

        Assert.Equal(1, await CustomersNamedAsync(owner, "Cool Cars"));
        var link = await app.WithDbAsync(owner.User, db => db.QboLinks.SingleAsync(l => l.Kind == Groundwork.Web.Features.QuickBooks.Links.LinkedKind.Customer && l.LocalId == customerId));
        Assert.Equal(Groundwork.Web.Features.QuickBooks.Links.QboLinkSource.Autofill, link.Source);
    }

    [Fact]
    public async Task Push_LineMappedToAnItemMadeInactiveInQuickBooks_NeedsAttentionInsteadOf610()
    {
        var owner = await app.PushOwnerAsync();
        var code = await owner.Api.CostCodeAsync("03 30 00", "Cast Concrete");
        var items = await owner.Api.ItemIdsAsync();
        (await owner.Api.PutJsonAsync($"/api/v1/quickbooks/mappings/cost-codes/{code}", new { qboItemId = items["Concrete"] })).EnsureSuccessStatusCode();
        var concrete = (await owner.Qbo.Client.ReadAsync<QboItem>(owner.Qbo.Company, items["Concrete"], default)).Value;
        await owner.Qbo.DeactivateAsync(concrete);
        await owner.Api.ItemIdsAsync(refresh: true);
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();

        var invoice = await owner.Api.InvoiceAsync(jobId, ("Pour", 1, 100m, false, code, null));
        var sync = await owner.Api.SyncedAsync("invoices", invoice.Id(), "needsAttention");

        Assert.Equal(PushChecks.InactiveMapped, sync.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Preview_AllUnsynced_SaysWhatWouldBeCreatedWithoutWritingAnything()
    {
        var owner = await app.PushOwnerAsync();
        var (jobId, _, _, customer, location) = await owner.Api.JobAsync();
        var invoice = await owner.Api.CreateAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name = "Work", quantity = 3, unitAmount = 10m, taxable = false } } });
        // Not finalized: not in the preview.
        Assert.Equal(0, (await owner.Api.GetJsonAsync("/api/v1/quickbooks/preview?all=true")).GetProperty("total").GetInt32());

        var preview = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/preview?documentIds={invoice.Id()}");

        var plan = preview.GetProperty("documents")[0];
        // Planned (what it would become), but not ready: the push refuses a draft.
        Assert.Equal((1, 0), (preview.GetProperty("total").GetInt32(), preview.GetProperty("ready").GetInt32()));
        Assert.False(plan.GetProperty("finalized").GetBoolean());
        Assert.Equal("Invoice", plan.GetProperty("entity").GetString());
        Assert.Equal("create", plan.GetProperty("names")[0].GetProperty("action").GetString());
        Assert.Equal(customer, plan.GetProperty("names")[0].GetProperty("displayName").GetString());
        Assert.Equal(location, plan.GetProperty("names")[1].GetProperty("displayName").GetString());
        Assert.Equal(30m, plan.GetProperty("total").GetDecimal());
        Assert.Equal(owner.DefaultItemId, plan.GetProperty("lines")[0].GetProperty("itemId").GetString());
        Assert.Equal(0, await CustomersNamedAsync(owner, customer));
    }

    [Fact]
    public async Task Preview_AnotherOrganizationsOrAnUnknownDocument_IsRefusedAsThePushRefusesIt()
    {
        var owner = await app.PushOwnerAsync();
        var other = await app.ApiClientAsync(await app.CreateUserAsync(Groundwork.Web.Features.Organizations.OrganizationRole.Owner));
        var (jobId, _, _, _, _) = await other.JobAsync();
        var theirs = (await other.InvoiceAsync(jobId, ("Work", 1, 100m, false, null, null))).Id();

        foreach (var id in new[] { theirs, 999_999_999L })
        {
            var preview = await owner.Api.GetAsync($"/api/v1/quickbooks/preview?documentIds={id}");
            var push = await owner.Api.PostAsJsonAsync("/api/v1/quickbooks/push", new { documentIds = new[] { id } });

            Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (preview.StatusCode, push.StatusCode));
            Assert.Contains($"No such document: {id}.", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
