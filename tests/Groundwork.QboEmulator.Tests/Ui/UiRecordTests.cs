using System.Net;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Ui;

/// <summary>A transaction's own page (<c>/ui/{realm}/{list}/{id}</c>): what “Open in QuickBooks” lands on.</summary>
public sealed class UiRecordTests
{
    private const string Us = TestEmulator.UsRealm;

    [Fact]
    public async Task InvoicePage_ShowsItsNumberLinesWithItemsAndClassesAndTotal_TextEncoded()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var invoice = (await api.PostAsync("invoice", """
            {"CustomerRef":{"value":"1"},"DocNumber":"GW-7","Line":[
              {"Amount":1200,"Description":"<b>Framing</b>","DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"2"},"ClassRef":{"value":"1"},"Qty":8,"UnitPrice":150,"TaxCodeRef":{"value":"NON"}}},
              {"Amount":300.5,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"3"},"TaxCodeRef":{"value":"NON"}}}]}
            """)).Json["Invoice"]!;
        var id = (string)invoice["Id"]!;
        var item = (string?)invoice["Line"]![0]!["SalesItemLineDetail"]!["ItemRef"]!["name"];

        var page = await new BrowserSession(emulator.Client).GetAsync($"/qbo/ui/{Us}/invoices/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<h2 id=\"record\">Invoice GW-7</h2>", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Framing&lt;/b&gt;", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<td>{item}</td><td>Labor</td><td>8</td><td>150</td><td>1200.00</td>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<td>1500.50</td>", page.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invoices/999999")]
    [InlineData("bills/not-an-id")]
    [InlineData("customers/1")]
    public async Task RecordPage_NoSuchRecordOfThatKind_NotFound(string path)
    {
        await using var emulator = await TestEmulator.StartAsync();

        var page = await new BrowserSession(emulator.Client).GetAsync($"/qbo/ui/{Us}/{path}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }
}
