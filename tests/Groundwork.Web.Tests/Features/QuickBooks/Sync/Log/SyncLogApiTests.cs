using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Log;

/// <summary>GET /api/v1/quickbooks/log: every request a push made and every refused push, filtered, searched, newest first.</summary>
[Trait("Category", "Database")]
public sealed class SyncLogApiTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    [Fact]
    public async Task Log_AfterAPush_ListsEachRequestNewestFirstWithItsRequestId()
    {
        var owner = await app.PushOwnerAsync();
        var pushed = await owner.PushedInvoiceAsync();

        var page = await owner.Api.GetJsonAsync(LogTestData.LogUrl);

        var items = page.Items();
        Assert.Equal(items.Count, page.GetProperty("total").GetInt32());
        var create = Assert.Single(items, i => i.Text("requestId") == $"gw-{pushed.InvoiceId}-0-create");
        Assert.Equal(("invoice", "create", "Invoice", "succeeded"), (create.Text("kind"), create.Text("operation"), create.Text("entity"), create.Text("result")));
        Assert.Equal((pushed.InvoiceId, pushed.QboId), (create.GetProperty("localId").GetInt64(), create.Text("qboId")));
        Assert.False(string.IsNullOrEmpty(create.Text("intuitTid")));
        Assert.Equal(owner.User.Email, create.Text("trigger"));
        Assert.Contains(items, i => i.Text("requestId") == $"gw-customer-{pushed.CustomerId}-0-create" && i.Text("kind") == "customer");
        Assert.Contains(items, i => i.Text("requestId") == $"gw-location-{pushed.LocationId}-0-create" && i.Text("kind") == "location");
        // The customer and location are created before the invoice, so the invoice is the newest line.
        Assert.Equal(create.Text("requestId"), items[0].Text("requestId"));
        var times = items.Select(i => i.GetProperty("atUtc").GetDateTime()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }

    [Fact]
    public async Task Log_ErrorsOnly_ShowsTheRefusedPushAndNoSuccesses()
    {
        var owner = await app.PushOwnerAsync();
        await owner.PushedInvoiceAsync();
        var refusedId = await owner.RefusedInvoiceAsync();

        var all = await owner.Api.GetJsonAsync(LogTestData.LogUrl);
        var errors = await owner.Api.GetJsonAsync(LogTestData.LogUrl + "?errorsOnly=true");

        var refused = Assert.Single(errors.Items());
        Assert.Equal(("invoice", refusedId, "refused", "colon"),
            (refused.Text("kind"), refused.GetProperty("localId").GetInt64(), refused.Text("result"), refused.Text("code")));
        Assert.Contains("colon", refused.Text("message"));
        Assert.Null(refused.Text("requestId"));
        Assert.Equal(1, errors.GetProperty("total").GetInt32());
        Assert.Contains(all.Items(), i => i.Text("result") == "succeeded");
    }

    [Fact]
    public async Task Log_SearchAndFilters_FindTheRequestByIdTidKindAndDocument()
    {
        var owner = await app.PushOwnerAsync();
        var first = await owner.PushedInvoiceAsync();
        var second = await owner.PushedInvoiceAsync();
        var requestId = $"gw-{first.InvoiceId}-0-create";

        var byRequest = await owner.Api.GetJsonAsync($"{LogTestData.LogUrl}?q={Uri.EscapeDataString(requestId.ToUpperInvariant())}");
        var found = Assert.Single(byRequest.Items());
        Assert.Equal(requestId, found.Text("requestId"));

        var tid = found.Text("intuitTid")!;
        Assert.Equal(requestId, Assert.Single((await owner.Api.GetJsonAsync($"{LogTestData.LogUrl}?q={Uri.EscapeDataString(tid)}")).Items()).Text("requestId"));

        var customers = (await owner.Api.GetJsonAsync($"{LogTestData.LogUrl}?kind=Customer")).Items();
        Assert.Equal(2, customers.Count);
        Assert.All(customers, c => Assert.Equal("customer", c.Text("kind")));

        var document = (await owner.Api.GetJsonAsync($"{LogTestData.LogUrl}?documentId={second.InvoiceId}")).Items();
        Assert.Equal($"gw-{second.InvoiceId}-0-create", Assert.Single(document).Text("requestId"));
    }

    [Fact]
    public async Task Log_Paging_SplitsTheLogIntoPagesOfTheAskedSize()
    {
        var owner = await app.PushOwnerAsync();
        await owner.PushedInvoiceAsync();

        var all = (await owner.Api.GetJsonAsync(LogTestData.LogUrl)).Items().Select(i => i.GetProperty("id").GetInt64()).ToList();
        var first = await owner.Api.GetJsonAsync($"{LogTestData.LogUrl}?pageSize=2&page=1");
        var second = await owner.Api.GetJsonAsync($"{LogTestData.LogUrl}?pageSize=2&page=2");

        Assert.Equal(3, all.Count);
        Assert.Equal(all[..2], first.Items().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(all[2..], second.Items().Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal((2, 2, 3), (second.GetProperty("page").GetInt32(), second.GetProperty("pageSize").GetInt32(), second.GetProperty("total").GetInt32()));
    }

    [Fact]
    public async Task Log_UnknownKind_IsRefusedNamingTheKinds()
    {
        var owner = await app.PushOwnerAsync();

        var response = await owner.Api.GetAsync(LogTestData.LogUrl + "?kind=widget");

        var errors = await response.AssertInvalidAsync("kind");
        Assert.Contains("invoice, bill, customer, location, vendor, job, payment", errors[0]);
    }

    [Fact]
    public async Task Log_IsReadableByAccountants_AndForbiddenToMembers()
    {
        var owner = await app.PushOwnerAsync();
        await owner.RefusedInvoiceAsync();
        var accountant = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Accountant, owner.User.OrganizationId));
        var member = await app.ApiClientAsync(await app.CreateUserAsync(OrganizationRole.Member, owner.User.OrganizationId));

        Assert.Single((await accountant.GetJsonAsync(LogTestData.LogUrl)).Items());
        Assert.Equal(HttpStatusCode.OK, (await accountant.GetAsync(LogTestData.CsvUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(LogTestData.LogUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(LogTestData.CsvUrl)).StatusCode);
    }

    [Fact]
    public async Task Log_AnotherOrganizationsEntries_AreNeverShown()
    {
        var other = await app.PushOwnerAsync();
        var theirs = await other.PushedInvoiceAsync();
        var mine = await app.PushOwnerAsync();
        await app.AddLogLineAsync(mine.User, "Mine");
        var theirRequest = $"gw-{theirs.InvoiceId}-0-create";

        var page = await mine.Api.GetJsonAsync(LogTestData.LogUrl);
        var searched = await mine.Api.GetJsonAsync($"{LogTestData.LogUrl}?q={theirRequest}");
        var byDocument = await mine.Api.GetJsonAsync($"{LogTestData.LogUrl}?documentId={theirs.InvoiceId}");
        var csv = LogTestData.ReadCsv(await mine.Api.GetStringAsync(LogTestData.CsvUrl));

        Assert.Equal("Mine", Assert.Single(page.Items()).Text("message"));
        Assert.Empty(searched.Items());
        Assert.Empty(byDocument.Items());
        Assert.Equal(2, csv.Count);
        Assert.Equal("Mine", csv[1][^1]);
        Assert.Single((await other.Api.GetJsonAsync($"{LogTestData.LogUrl}?q={theirRequest}")).Items());
    }
}
