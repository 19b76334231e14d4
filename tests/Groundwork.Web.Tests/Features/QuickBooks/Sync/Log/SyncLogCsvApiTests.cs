using System.Globalization;
using System.Net;
using Groundwork.Web.Features.Organizations;
using Groundwork.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Log;

/// <summary>GET /api/v1/quickbooks/log.csv: the whole filtered log as a file a spreadsheet opens safely.</summary>
[Trait("Category", "Database")]
public sealed class SyncLogCsvApiTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private static readonly string[] Header =
        ["timeUtc", "kind", "localId", "reference", "trigger", "operation", "entity", "requestId", "result", "qboId", "syncToken", "intuit_tid", "code", "message"];

    [Fact]
    public async Task LogCsv_Download_IsAnAttachmentWithTheHeaderOneRowPerEntryAndEscapedFormulas()
    {
        var owner = await app.PushOwnerAsync();
        var pushed = await owner.PushedInvoiceAsync();
        const string formula = "=HYPERLINK(\"http://evil.example\",\"Fix\")";
        await app.AddLogLineAsync(owner.User, formula, "gw-formula-1");

        var response = await owner.Api.GetAsync(LogTestData.CsvUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"quickbooks-log-{await TodayAsync(owner.User):yyyyMMdd}.csv", disposition.FileName?.Trim('"'));
        var rows = LogTestData.ReadCsv(await response.Content.ReadAsStringAsync());
        Assert.Equal(Header, rows[0]);
        var listed = (await owner.Api.GetJsonAsync(LogTestData.LogUrl)).Items();
        Assert.Equal(4, listed.Count);
        Assert.Equal(listed.Select(i => i.Text("requestId")), rows.Skip(1).Select(r => r[7]));
        Assert.Equal("'" + formula, rows.Single(r => r[7] == "gw-formula-1")[13]);
        var create = rows.Single(r => r[7] == $"gw-{pushed.InvoiceId}-0-create");
        Assert.Equal(("invoice", pushed.InvoiceId.ToString(CultureInfo.InvariantCulture), "create", "succeeded", pushed.QboId),
            (create[1], create[2], create[5], create[8], create[9]));
        var at = DateTime.ParseExact(create[0], "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var listedAt = listed.Single(i => i.Text("requestId") == create[7]).GetProperty("atUtc").GetDateTime().ToUniversalTime();
        Assert.Equal(listedAt, at, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task LogCsv_Filters_AreAppliedToTheFile()
    {
        var owner = await app.PushOwnerAsync();
        var pushed = await owner.PushedInvoiceAsync();
        var refused = await owner.RefusedInvoiceAsync();

        var errors = LogTestData.ReadCsv(await owner.Api.GetStringAsync(LogTestData.CsvUrl + "?errorsOnly=true"));
        var customers = LogTestData.ReadCsv(await owner.Api.GetStringAsync(LogTestData.CsvUrl + "?kind=customer"));
        var searched = LogTestData.ReadCsv(await owner.Api.GetStringAsync($"{LogTestData.CsvUrl}?q=gw-{pushed.InvoiceId}-0-create"));
        var document = LogTestData.ReadCsv(await owner.Api.GetStringAsync($"{LogTestData.CsvUrl}?documentId={refused}"));

        Assert.Equal(2, errors.Count);
        Assert.Equal(("refused", "colon"), (errors[1][8], errors[1][12]));
        Assert.Equal(["customer"], customers.Skip(1).Select(r => r[1]));
        Assert.Equal([$"gw-{pushed.InvoiceId}-0-create"], searched.Skip(1).Select(r => r[7]));
        Assert.Equal([refused.ToString(CultureInfo.InvariantCulture)], document.Skip(1).Select(r => r[2]));
        var unknown = await owner.Api.GetAsync(LogTestData.CsvUrl + "?kind=widget");
        await unknown.AssertInvalidAsync("kind");
    }

    private Task<DateOnly> TodayAsync(TestUser user) => app.WithDbAsync(user, async db =>
    {
        var zone = await db.Organizations.Where(o => o.Id == user.OrganizationId).Select(o => o.TimeZone).SingleAsync();
        return TimeZones.Today(TimeProvider.System.GetUtcNow().UtcDateTime, TimeZones.Find(zone)!);
    });
}
