using System.Text;
using Groundwork.Web.Features.QuickBooks.Sync.Log;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Log;

/// <summary>The CSV writer on its own: records, formula escaping and the row cap.</summary>
public sealed class SyncLogCsvTests
{
    private static SyncLogRow Row(long id, string? message = "Created.", string? reference = "INV-1") =>
        new(id, new DateTime(2026, 3, 4, 5, 6, 7, 890, DateTimeKind.Utc), "invoice", 100 + id, reference, "owner@example.com", "create", "Invoice",
            $"gw-{id}-0-create", "succeeded", "42", "0", $"tid-{id}", null, message);

    private static async IAsyncEnumerable<SyncLogRow> Rows(params SyncLogRow[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async Task<List<string[]>> WriteAsync(int cap, params SyncLogRow[] rows)
    {
        using var stream = new MemoryStream();
        await SyncLogCsv.WriteAsync(stream, Rows(rows), cap, CancellationToken.None);
        return LogTestData.ReadCsv(Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task WriteAsync_Rows_HeaderThenOneRecordPerRowWithIsoUtcTimes()
    {
        var records = await WriteAsync(10, Row(1), Row(2, message: null, reference: "Smith, Jones \"Remodel\""));

        Assert.Equal(3, records.Count);
        Assert.Equal(SyncLogCsv.Header.Length, records[0].Length);
        Assert.Equal(["2026-03-04T05:06:07.890Z", "invoice", "101", "INV-1", "owner@example.com", "create", "Invoice", "gw-1-0-create", "succeeded", "42", "0",
            "tid-1", "", "Created."], records[1]);
        Assert.Equal("Smith, Jones \"Remodel\"", records[2][3]);
        Assert.Equal("", records[2][13]);
    }

    [Theory]
    [InlineData("=1+1")]
    [InlineData("+SUM(A1:A2)")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public async Task WriteAsync_CellThatASpreadsheetWouldRun_GetsALeadingApostrophe(string formula)
    {
        var records = await WriteAsync(10, Row(1, message: formula, reference: formula));

        Assert.Equal("'" + formula, records[1][13]);
        Assert.Equal("'" + formula, records[1][3]);
        Assert.Equal("owner@example.com", records[1][4]);
    }

    [Fact]
    public async Task WriteAsync_MoreRowsThanTheCap_WritesTheNewestThenSaysSo()
    {
        var records = await WriteAsync(2, Row(3), Row(2), Row(1));

        Assert.Equal(4, records.Count);
        Assert.Equal(["gw-3-0-create", "gw-2-0-create"], records.Skip(1).Take(2).Select(r => r[7]));
        Assert.StartsWith("Only the newest 2 entries are in this file.", records[3][0], StringComparison.Ordinal);
        Assert.All(records[3].Skip(1), field => Assert.Equal("", field));
    }

    [Fact]
    public async Task WriteAsync_ExactlyTheCap_HasNoNote()
    {
        var records = await WriteAsync(2, Row(2), Row(1));

        Assert.Equal(3, records.Count);
        Assert.Equal("gw-1-0-create", records[2][7]);
    }
}
