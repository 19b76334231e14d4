using System.Net;
using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Features.QuickBooks.Mappings;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// A bookkeeper edits a pushed invoice in QuickBooks (lines, items, customer): Groundwork flags it with what differs, and
/// the owner takes QuickBooks' version or pushes Groundwork's — never silently either way.
/// </summary>
[Trait("Category", "Database")]
public sealed class DriftTests(InboundAppFactory app) : IClassFixture<InboundAppFactory>
{
    [Fact]
    public async Task LinesEditedInQuickBooks_FlagsDriftNamingTheLineQuantityAndItem()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.TwoLineInvoiceAsync();
        var labor = (await owner.Api.ItemIdsAsync())["Labor"];

        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].WithItem(labor), lines[1].With(3, 25m)]);

        var message = (await owner.Api.DriftAsync("invoices", id)).GetProperty("message").GetString()!;
        Assert.Contains("the total is $125.00 in QuickBooks but $100.00 in Groundwork", message, StringComparison.Ordinal);
        Assert.Contains("line 1: Product/Service “Labor”", message, StringComparison.Ordinal);
        Assert.Contains("line 2: amount $75.00 (Groundwork $50.00), quantity 3 (Groundwork 2)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("customer", message, StringComparison.Ordinal);
        Assert.Equal(10_000, (await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("totalCents").GetInt64());
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task CustomerChangedInQuickBooks_SameTotal_FlagsDriftNamingBothCustomers()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(80m);
        var cars = await owner.Qbo.CustomerAsync("Cool Cars");

        await owner.Qbo.EditInvoiceAsync(qboId, lines => lines, cars);

        var message = (await owner.Api.DriftAsync("invoices", id)).GetProperty("message").GetString()!;
        Assert.Contains($"the customer is “Cool Cars” (id {cars.Value}) in QuickBooks", message, StringComparison.Ordinal);
        Assert.DoesNotContain("total", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TakeQuickBooksVersion_RewritesLinesThroughTheMappings_TotalAndSyncTokenAndQueuesNothing()
    {
        var owner = await app.PushOwnerAsync();
        var items = await owner.Api.ItemIdsAsync();
        var framing = await owner.Api.CostCodeAsync($"F{Guid.NewGuid():N}"[..8], "Framing");
        Assert.True((await owner.Api.PutJsonAsync($"{MappingTestData.CostCodesUrl}/{framing}", new { qboItemId = items["Labor"] })).IsSuccessStatusCode);
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var id = (await owner.Api.InvoiceAsync(jobId, ("Framing", 2, 50m, false, framing, null))).Id();
        var qboId = (await owner.Api.SyncedAsync("invoices", id)).GetProperty("qboId").GetString()!;
        var pushes = await app.PushLogCountAsync(owner);
        var edited = await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(3, 50m), DriftTestData.SalesLine(owner.DefaultItemId, 1, 20m, "Dumpster — haul away")]);
        await owner.Api.DriftAsync("invoices", id);

        var taken = await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Take, id), new { });

        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var sync = await taken.ReadJsonAsync();
        Assert.Equal(("synced", edited.SyncToken), (sync.GetProperty("state").GetString(), sync.GetProperty("syncToken").GetString()));
        var invoice = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");
        Assert.Equal(17_000, invoice.GetProperty("totalCents").GetInt64());
        Assert.Equal([("Framing", 3m, 5_000L, (long?)framing), ("Dumpster", 1m, 2_000L, null)], invoice.Lines());
        Assert.Equal("haul away", invoice.GetProperty("lines")[1].GetProperty("description").GetString());
        var history = invoice.LastHistory();
        Assert.Contains($"Taken from QuickBooks (QuickBooks Invoice id {qboId})", history.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(owner.User.Email, history.GetProperty("byUser").GetString());
        await Task.Delay(500);
        Assert.Equal(0, await app.OutboxCountAsync(owner));
        Assert.Equal(pushes + 1, await app.PushLogCountAsync(owner)); // the "take" line of the audit trail, no request to QuickBooks
        Assert.Equal(170m, (await owner.Qbo.ReadAsync<QboInvoice>(qboId)).TotalAmt);
        Assert.Equal("synced", (await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("sync").GetProperty("state").GetString());
    }

    [Fact]
    public async Task TakeQuickBooksVersion_LineWithAnUnmappedItem_IsRefusedWithWhatToMapAndNothingChanges()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.TwoLineInvoiceAsync();
        var concrete = (await owner.Api.ItemIdsAsync())["Concrete"];
        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(1, 60m), lines[1].WithItem(concrete)]);
        await owner.Api.DriftAsync("invoices", id);
        var before = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");

        var taken = await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Take, id), new { });

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var detail = (await taken.ReadJsonAsync()).GetProperty("detail").GetString()!;
        Assert.Contains("Line 2", detail, StringComparison.Ordinal);
        Assert.Contains("“Concrete”", detail, StringComparison.Ordinal);
        Assert.Contains("Products/Services Mapping", detail, StringComparison.Ordinal);
        var after = await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}");
        Assert.Equal(before.Lines(), after.Lines());
        Assert.Equal((10_000, before.GetProperty("version").GetInt64()), (after.GetProperty("totalCents").GetInt64(), after.GetProperty("version").GetInt64()));
        Assert.Equal("drift", after.GetProperty("sync").GetProperty("problem").GetString());
    }

    [Fact]
    public async Task PushGroundworkVersion_OverwritesQuickBooksWithOneUpdate_AndClearsTheFlag()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(1, 140m)]);
        await owner.Api.DriftAsync("invoices", id);
        var updates = await app.UpdatesAsync(owner, id);

        var pushed = await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Push, id), new { });

        Assert.Equal(HttpStatusCode.Accepted, pushed.StatusCode);
        Assert.Equal("queued", (await pushed.ReadJsonAsync()).GetProperty("state").GetString());
        var sync = await owner.Api.SyncedAsync("invoices", id);
        Assert.Equal(JsonNull, sync.GetProperty("problem").ValueKind);
        Assert.Equal(100m, (await owner.Qbo.ReadAsync<QboInvoice>(qboId)).TotalAmt);
        await Task.Delay(1000); // the update's own webhook comes back: it must not flag drift again
        Assert.Equal("synced", (await owner.Api.GetJsonAsync($"/api/v1/invoices/{id}")).GetProperty("sync").GetProperty("state").GetString());
        Assert.Equal(updates + 1, await app.UpdatesAsync(owner, id));
        var log = await owner.Api.GetJsonAsync($"/api/v1/quickbooks/log?documentId={id}&kind=invoice");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("operation").GetString() == "update" && e.GetProperty("trigger").GetString() == owner.User.Email);
    }

    [Fact]
    public async Task EditPutBackInQuickBooks_ClearsTheFlagWithALogLine_AndPushesNothing()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(1, 140m)]);
        await owner.Api.DriftAsync("invoices", id);

        var putBack = await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(1, 100m)]);

        var sync = await owner.Api.SyncedAsync("invoices", id);
        Assert.Equal((JsonNull, putBack.SyncToken), (sync.GetProperty("problem").ValueKind, sync.GetProperty("syncToken").GetString()));
        var newest = (await owner.Browser.GetPageAsync($"/invoices/{id}")).QuerySelector("#sync-audit tbody tr");
        Assert.Equal("drift-cleared Invoice", newest?.QuerySelector("td:nth-child(3)")?.TextContent.Trim());
        Assert.Equal("QuickBooks", newest?.QuerySelector("td:nth-child(2)")?.TextContent.Trim());
        Assert.Contains("agrees with Groundwork's again", newest?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.UpdatesAsync(owner, id));
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task BothActions_WithoutDrift_AreRefusedWith409()
    {
        var owner = await app.PushOwnerAsync();
        var (id, _) = await owner.SyncedInvoiceAsync(30m);

        var take = await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Take, id), new { });
        var push = await owner.Api.PostJsonAsync(DriftTestData.Url(DriftTestData.Push, id), new { });

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (take.StatusCode, push.StatusCode));
        Assert.Contains("not flagged as changed in QuickBooks", (await take.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.OutboxCountAsync(owner));
    }

    [Fact]
    public async Task BothActions_ByAnAccountant_AreForbidden()
    {
        var owner = await app.PushOwnerAsync();
        var accountant = await app.CreateUserClientAsync(owner.User.OrganizationId, OrganizationRole.Accountant);

        var take = await accountant.PostJsonAsync(DriftTestData.Url(DriftTestData.Take, 1), new { });
        var push = await accountant.PostJsonAsync(DriftTestData.Url(DriftTestData.Push, 1), new { });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (take.StatusCode, push.StatusCode));
    }

    [Fact]
    public async Task DocumentPage_Drift_OwnerSeesBothButtonsAndTakesQuickBooksVersion_AccountantSeesNone()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].With(2, 55m)]);
        await owner.Api.DriftAsync("invoices", id);
        var accountant = await app.BrowserOfAsync(owner, OrganizationRole.Accountant);
        Assert.Null((await accountant.GetPageAsync($"/invoices/{id}")).QuerySelector("#take-quickbooks"));

        var page = await owner.Browser.GetPageAsync($"/invoices/{id}");
        Assert.NotNull(page.QuerySelector("#push-groundwork-form input[name='__RequestVerificationToken']"));
        var taken = await owner.Browser.SubmitAsync(page.Form("#take-quickbooks-form"));

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal($"/invoices/{id}", taken.Headers.Location?.OriginalString);
        var after = await owner.Browser.GetPageAsync($"/invoices/{id}");
        Assert.Equal("$110.00", after.QuerySelector("#document-total")?.TextContent);
        Assert.Null(after.QuerySelector("#take-quickbooks"));
        Assert.Contains("taken into Groundwork", after.QuerySelector(".flash")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentPage_TakeRefused_ShowsWhyInThePanel()
    {
        var owner = await app.PushOwnerAsync();
        var (id, qboId) = await owner.SyncedInvoiceAsync(100m);
        var concrete = (await owner.Api.ItemIdsAsync())["Concrete"];
        await owner.Qbo.EditInvoiceAsync(qboId, lines => [lines[0].WithItem(concrete)]);
        await owner.Api.DriftAsync("invoices", id);
        var page = await owner.Browser.GetPageAsync($"/invoices/{id}");

        var refused = await owner.Browser.SubmitAsync(page.Form("#take-quickbooks-form"));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var after = await owner.Browser.GetPageAsync($"/invoices/{id}");
        Assert.Contains("“Concrete”", after.QuerySelector("#drift-refused")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("#take-quickbooks"));
    }

    private const System.Text.Json.JsonValueKind JsonNull = System.Text.Json.JsonValueKind.Null;
}

internal static class DriftOwnerData
{
    /// <summary>A pushed invoice of two untaxed lines on the default item (1 × 50 and 2 × 25): its id and QBO id.</summary>
    public static async Task<(long Id, string QboId)> TwoLineInvoiceAsync(this PushOwner owner)
    {
        var (jobId, _, _, _, _) = await owner.Api.JobAsync();
        var id = (await owner.Api.InvoiceAsync(jobId, ("Sheathing", 1, 50m, false, null, null), ("Nails", 2, 25m, false, null, null))).Id();
        return (id, (await owner.Api.SyncedAsync("invoices", id)).GetProperty("qboId").GetString()!);
    }
}
