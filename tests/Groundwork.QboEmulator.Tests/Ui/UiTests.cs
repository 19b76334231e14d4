using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Ui;

public sealed class UiTests
{
    private const string Us = TestEmulator.UsRealm;

    [Fact]
    public async Task CompaniesPage_ListsSeededCompaniesWithPrefixedLinks()
    {
        await using var emulator = await TestEmulator.StartAsync();

        var page = await new BrowserSession(emulator.Client).GetAsync("/qbo/ui");

        Assert.Contains("Groundwork Demo Builders", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/qbo/ui/{TestEmulator.PlainRealm}\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomersPage_EncodesNames()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        await api.PostAsync("customer", """{"DisplayName":"<script>alert(1)</script>"}""");

        var page = await new BrowserSession(emulator.Client).GetAsync($"/qbo/ui/{Us}/customers");

        Assert.DoesNotContain("<script>alert(1)</script>", page.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReceivePayment_FullFromInvoicesPage_InvoicePaidInApi()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var browser = await emulator.SignedInBrowserAsync();

        var result = await ActAsync(browser, "invoices", "receive-payment", new() { ["id"] = "1" });
        var invoice = (await api.GetAsync("invoice/1")).Json["Invoice"]!;

        Assert.Equal(HttpStatusCode.Redirect, result.Status);
        Assert.Equal(0m, (decimal)invoice["Balance"]!);
        Assert.Equal("Payment", (string?)invoice["LinkedTxn"]![0]!["TxnType"]);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("0")]
    [InlineData("10.001")]
    public async Task ReceivePaymentAndEditAmount_AmountThatIsNoAmount_RefusedWithTheReason_NothingChanges(string amount)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var browser = await emulator.SignedInBrowserAsync();

        var paid = await ActAsync(browser, "invoices", "receive-payment", new() { ["id"] = "1", ["amount"] = amount });
        var edited = await ActAsync(browser, "invoices", "edit-amount", new() { ["entity"] = "Invoice", ["id"] = "1", ["amount"] = amount });
        var shown = await browser.GetAsync(paid.Location!.OriginalString);
        var invoice = (await api.GetAsync("invoice/1")).Json["Invoice"]!;

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (paid.Status, edited.Status));
        Assert.Contains("Enter an amount above 0.00", WebUtility.HtmlDecode(shown.Html), StringComparison.Ordinal);
        // It used to be read as "the whole balance" (a payment of 1,650.00) and, for an edit, as zero.
        Assert.Equal((1650m, 1650m), ((decimal)invoice["Balance"]!, (decimal)invoice["TotalAmt"]!));
        Assert.Null(invoice["LinkedTxn"]?.AsArray().FirstOrDefault(l => (string?)l!["TxnType"] == "Payment"));
    }

    [Fact]
    public async Task ReceivePayment_WithDateAndReference_FromUi_PaymentCarriesThem()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var browser = await emulator.SignedInBrowserAsync();

        await ActAsync(browser, "invoices", "receive-payment", new() { ["id"] = "1", ["amount"] = "100", ["date"] = "2026-11-20", ["reference"] = "CHK-2041" });
        var invoice = (await api.GetAsync("invoice/1")).Json["Invoice"]!;
        var paymentId = (string)invoice["LinkedTxn"]!.AsArray().Last(l => (string?)l!["TxnType"] == "Payment")!["TxnId"]!;
        var payment = (await api.GetAsync($"payment/{paymentId}")).Json["Payment"]!;

        Assert.Equal("2026-11-20", (string?)payment["TxnDate"]);
        Assert.Equal("CHK-2041", (string?)payment["PaymentRefNum"]);
        Assert.Equal(100m, (decimal)payment["TotalAmt"]!);
        Assert.Equal("1", (string?)payment["Line"]![0]!["LinkedTxn"]![0]!["TxnId"]);
    }

    [Fact]
    public async Task PartialPaymentThenVoid_FromUi_StatusesFollow()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var browser = await emulator.SignedInBrowserAsync();

        await ActAsync(browser, "invoices", "receive-payment", new() { ["id"] = "1", ["amount"] = "100" });
        var partial = (await api.GetAsync("invoice/1")).Json["Invoice"]!;
        await ActAsync(browser, "bills", "delete", new() { ["entity"] = "Bill", ["id"] = "4" });
        var bill = await api.GetAsync("bill/4");

        Assert.Equal(1550m, (decimal)partial["Balance"]!);
        Assert.Equal("610", bill.FaultCode);
    }

    [Fact]
    public async Task MakeCreditMemoThenVoidPayment_FromUi_ApiSeesBoth()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var browser = await emulator.SignedInBrowserAsync();

        await ActAsync(browser, "invoices", "credit-memo", new() { ["customer"] = "1", ["item"] = "1", ["amount"] = "40" });
        await ActAsync(browser, "payments", "void", new() { ["entity"] = "Payment", ["id"] = "3" });
        var memos = await api.QueryAsync("select * from CreditMemo where CustomerRef = '1'");
        var invoice = (await api.GetAsync("invoice/2")).Json["Invoice"]!;

        Assert.Equal(40m, (decimal)memos.Json["QueryResponse"]!["CreditMemo"]![0]!["TotalAmt"]!);
        Assert.Equal(800m, (decimal)invoice["Balance"]!);
    }

    [Fact]
    public async Task CreateClass_WithoutAntiforgeryToken_Rejected()
    {
        await using var emulator = await TestEmulator.StartAsync();

        using var response = await emulator.Client.PostAsync($"/qbo/ui/{Us}/do/create-class",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Sneaky" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CreateClass_FromClassesPage_VisibleToApiQuery()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        await ActAsync(await emulator.SignedInBrowserAsync(), "classes", "create-class", new() { ["name"] = "Permits" });
        var answer = await api.QueryAsync("select * from Class where Name = 'Permits'");

        Assert.Single(answer.Json["QueryResponse"]!["Class"]!.AsArray());
    }

    [Fact]
    public async Task ClassTrackingOneToEntireTransaction_FromDashboard_PreferencesReflectIt()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        await ActAsync(await emulator.SignedInBrowserAsync(), "", "class-tracking", new() { ["mode"] = "txn" });
        var prefs = (await api.GetAsync("preferences")).Json["Preferences"]!["AccountingInfoPrefs"]!;

        Assert.True((bool)prefs["ClassTrackingPerTxn"]!);
        Assert.False((bool)prefs["ClassTrackingPerTxnLine"]!);
    }

    [Fact]
    public async Task RemoveTaxAgency_FromDashboard_NoAgencyAndSalesTaxOff()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var agencyId = (string)(await api.QueryAsync("select * from TaxAgency")).Json["QueryResponse"]!["TaxAgency"]![0]!["Id"]!;

        await ActAsync(await emulator.SignedInBrowserAsync(), "", "remove-tax-agency", new() { ["id"] = agencyId });
        var agencies = await api.QueryAsync("select * from TaxAgency");
        var prefs = (await api.GetAsync("preferences")).Json["Preferences"]!;

        Assert.Empty(agencies.Json["QueryResponse"]!.AsObject());
        Assert.False((bool)prefs["TaxPrefs"]!["UsingSalesTax"]!);
    }

    [Fact]
    public async Task DisconnectApp_FromDashboard_TokensStopWorking()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        await ActAsync(await emulator.SignedInBrowserAsync(), "", "disconnect", new() { ["clientId"] = TestEmulator.ClientId });
        var call = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.Unauthorized, call.Status);
    }

    [Fact]
    public async Task FaultInjectionForm_ThrottleNext_NextApiCall429()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        await ActAsync(await emulator.SignedInBrowserAsync(), "", "faults", new() { ["throttleNext"] = "1", ["latencyMs"] = "0" });
        var throttled = await api.GetAsync("customer/1");
        var next = await api.GetAsync("customer/1");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task ImportProductsCsv_BlankAccountsUseDefaults_ColonRowSkipped()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync(TestEmulator.PlainRealm);
        var browser = await emulator.SignedInBrowserAsync();
        var page = await browser.GetAsync($"/qbo/ui/{TestEmulator.PlainRealm}/items");
        const string csv = "Product/Service Name,Type,Sales Description,Sales Price / Rate,Income Account,Expense Account\r\n" +
            "Framing,Service,\"Framing, walls\",85,,\r\nDrywall,Non-inventory,,12.5,Services,Job Materials\r\nBad:Name,Service,,1,,\r\n";
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in BrowserSession.HiddenFields(page.Html))
        {
            content.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", "items.csv");

        var result = await browser.PostAsync($"/qbo/ui/{TestEmulator.PlainRealm}/import-items", content);
        var framing = (await api.QueryAsync("select * from Item where Name = 'Framing'")).Json["QueryResponse"]!["Item"]![0]!;
        var drywall = (await api.QueryAsync("select * from Item where Name = 'Drywall'")).Json["QueryResponse"]!["Item"]![0]!;

        Assert.Contains("Imported 2", Uri.UnescapeDataString(result.Location!.ToString()), StringComparison.Ordinal);
        Assert.Contains("Bad:Name", Uri.UnescapeDataString(result.Location.ToString()), StringComparison.Ordinal);
        Assert.Equal("Framing, walls", (string?)framing["Description"]);
        Assert.Equal("Services", (string?)framing["IncomeAccountRef"]!["name"]);
        Assert.Equal("NonInventory", (string?)drywall["Type"]);
        Assert.Equal("Job Materials", (string?)drywall["ExpenseAccountRef"]!["name"]);
    }

    private static async Task<(HttpStatusCode Status, string Html, Uri? Location)> ActAsync(BrowserSession browser, string list, string action, Dictionary<string, string> fields)
    {
        var page = await browser.GetAsync(list.Length == 0 ? $"/qbo/ui/{Us}" : $"/qbo/ui/{Us}/{list}");
        fields["back"] = list.Length == 0 ? $"/qbo/ui/{Us}" : $"/qbo/ui/{Us}/{list}";
        return await browser.PostFormAsync($"/qbo/ui/{Us}/do/{action}", page.Html, fields);
    }
}
