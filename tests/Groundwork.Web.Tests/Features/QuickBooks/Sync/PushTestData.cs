using System.Text.Json;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>An owner connected to a fresh emulator company with the default item chosen: ready to push.</summary>
public sealed record PushOwner(TestUser User, HttpClient Browser, HttpClient Api, QuickBooksSide Qbo, string Realm, string DefaultItemId);

internal static class PushTestData
{
    public static async Task<PushOwner> PushOwnerAsync(this QboAppFactory app, string template = "builder", bool defaultItem = true)
    {
        var realm = await app.NewCompanyAsync(template);
        var qbo = await app.QuickBooksAsync(realm);
        var (user, browser) = await app.ConnectedOwnerAsync(realm);
        var api = await app.ApiClientAsync(user);
        var items = await api.ItemIdsAsync();
        var services = items["Services"];
        if (defaultItem)
        {
            var set = await api.PutJsonAsync(MappingTestData.DefaultItemUrl, new { qboItemId = services });
            set.EnsureSuccessStatusCode();
        }
        return new PushOwner(user, browser, api, qbo, realm, services);
    }

    /// <summary>A customer, location and job with names unique in the QBO company (a sub-customer's name is unique there too).</summary>
    public static async Task<(long JobId, long LocationId, long CustomerId, string Customer, string Location)> JobAsync(this HttpClient api, string? customer = null,
        string? location = null, decimal? taxRate = null)
    {
        customer ??= $"Customer {Guid.NewGuid():N}"[..20];
        location ??= $"Site {Guid.NewGuid():N}"[..16];
        var c = await api.CreateAsync("/api/v1/customers", new { name = customer });
        var l = await api.CreateAsync($"/api/v1/customers/{c.Id()}/locations", new { name = location, taxRatePercent = taxRate });
        var job = await api.CreateAsync("/api/v1/jobs", new { number = $"J-{Guid.NewGuid():N}"[..20], name = "Build", locationId = l.Id() });
        return (job.Id(), l.Id(), c.Id(), customer, location);
    }

    public static async Task<JsonElement> InvoiceAsync(this HttpClient api, long jobId, params (string Name, decimal Qty, decimal Unit, bool Taxable, long? CostCodeId, long? CostTypeId)[] lines)
    {
        var invoice = await api.CreateAsync("/api/v1/invoices", new
        {
            jobId,
            lines = lines.Select(l => new { name = l.Name, quantity = l.Qty, unitAmount = l.Unit, taxable = l.Taxable, costCodeId = l.CostCodeId, costTypeId = l.CostTypeId }),
        });
        return await api.ActAsync($"/api/v1/invoices/{invoice.Id()}/finalize");
    }

    /// <summary>The document's <c>sync</c> object once its state is one of <paramref name="states"/> (polls: the push runs in the background).</summary>
    public static async Task<JsonElement> SyncedAsync(this HttpClient api, string kind, long id, params string[] states)
    {
        states = states.Length == 0 ? ["synced"] : states;
        JsonElement sync = default;
        for (var i = 0; i < 300; i++)
        {
            sync = (await api.GetJsonAsync($"/api/v1/{kind}/{id}")).GetProperty("sync");
            if (states.Contains(sync.GetProperty("state").GetString())) return sync;
            await Task.Delay(100);
        }
        Assert.Fail($"{kind} {id} never reached {string.Join("/", states)}: {sync}");
        return sync;
    }
}
