using System.Net;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Api;

/// <summary>
/// References QBO fills in when a client leaves them out (API.md §3.3, §3.12, §3.13; recorded invoice and customer
/// creates in shared/qbo/fixtures/minimul-qbo_api-vcr), and the ones it does not.
/// </summary>
public sealed class DefaultReferenceTests
{
    [Fact]
    public async Task Bill_CreatedWithoutAPAccountRef_GetsTheCompanysAccountsPayable()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var payable = await AccountAsync(api, "Accounts Payable (A/P)");

        var bill = await api.PostAsync("bill", await BillAsync(api));

        Assert.Equal(HttpStatusCode.OK, bill.Status);
        Assert.Equal(payable, (string?)bill.Json["Bill"]!["APAccountRef"]!["value"]);
        Assert.Equal("Accounts Payable (A/P)", (string?)bill.Json["Bill"]!["APAccountRef"]!["name"]);
    }

    [Fact]
    public async Task Bill_GivenAnotherPayablesAccount_KeepsIt()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var second = (string)(await api.PostAsync("account", """{"Name":"Accounts Payable - Subs","AccountType":"Accounts Payable"}""")).Json["Account"]!["Id"]!;
        var body = await BillAsync(api);
        body["APAccountRef"] = new JsonObject { ["value"] = second };

        var bill = await api.PostAsync("bill", body);

        Assert.Equal(second, (string?)bill.Json["Bill"]!["APAccountRef"]!["value"]);
    }

    [Fact]
    public async Task BillPayment_CreatedWithoutAPAccountRef_GetsTheCompanysAccountsPayable()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var bill = (await api.QueryAsync("select * from Bill")).Json["QueryResponse"]!["Bill"]![0]!;

        var payment = await api.PostAsync("billpayment", new JsonObject
        {
            ["VendorRef"] = new JsonObject { ["value"] = (string)bill["VendorRef"]!["value"]! }, ["PayType"] = "Check", ["TotalAmt"] = 10,
            ["CheckPayment"] = new JsonObject { ["BankAccountRef"] = new JsonObject { ["value"] = await AccountAsync(api, "Checking") } },
            ["Line"] = new JsonArray(new JsonObject { ["Amount"] = 10, ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = (string)bill["Id"]!, ["TxnType"] = "Bill" }) }),
        });

        Assert.Equal(HttpStatusCode.OK, payment.Status);
        Assert.Equal(await AccountAsync(api, "Accounts Payable (A/P)"), (string?)payment.Json["BillPayment"]!["APAccountRef"]!["value"]);
    }

    [Fact]
    public async Task Payment_CreatedWithoutDepositToAccountRef_GoesToUndepositedFunds()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var payment = await api.PostAsync("payment", """{"CustomerRef":{"value":"1"},"TotalAmt":25}""");

        Assert.Equal(HttpStatusCode.OK, payment.Status);
        Assert.Equal(await AccountAsync(api, "Undeposited Funds"), (string?)payment.Json["Payment"]!["DepositToAccountRef"]!["value"]);
        Assert.Equal("Undeposited Funds", (string?)payment.Json["Payment"]!["DepositToAccountRef"]!["name"]);
    }

    [Fact]
    public async Task Payment_GivenABankAccount_KeepsIt()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var checking = await AccountAsync(api, "Checking");

        var payment = await api.PostAsync("payment", $$$"""{"CustomerRef":{"value":"1"},"TotalAmt":25,"DepositToAccountRef":{"value":"{{{checking}}}"}}""");

        Assert.Equal(checking, (string?)payment.Json["Payment"]!["DepositToAccountRef"]!["value"]);
    }

    [Theory]
    [InlineData("invoice", "Invoice")]
    [InlineData("creditmemo", "CreditMemo")]
    public async Task SalesForm_CreatedAsRecorded_NoARAccountRefAndLineTaxCodeNon(string path, string entity)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        // The recorded create (create__invoice__0.json): QBO answered without ARAccountRef and with TaxCodeRef NON on the line.
        var answer = await api.PostAsync(path, """{"Line":[{"Amount":100,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1","name":"Services"}}}],"CustomerRef":{"value":"1"}}""");

        var doc = answer.Json[entity]!;
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Null(doc["ARAccountRef"]);
        Assert.Equal("NON", (string?)doc["Line"]![0]!["SalesItemLineDetail"]!["TaxCodeRef"]!["value"]);
    }

    [Fact]
    public async Task Customer_CreatedWithNameOnlyWhereSalesTaxIsOn_TaxableWithTheCompanysTaxCode()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var code = (string)(await api.QueryAsync("select * from TaxCode")).Json["QueryResponse"]!["TaxCode"]![0]!["Id"]!;

        // The recorded create (create__customer__0.json): {"DisplayName":…} came back Taxable with DefaultTaxCodeRef {"value":"2"}.
        var customer = (await api.PostAsync("customer", """{"DisplayName":"Doe5, Jane"}""")).Json["Customer"]!;

        Assert.True((bool)customer["Taxable"]!);
        Assert.Equal(code, (string?)customer["DefaultTaxCodeRef"]!["value"]);
        Assert.Null(customer["DefaultTaxCodeRef"]!["name"]);
    }

    [Fact]
    public async Task Customer_CreatedWhereSalesTaxIsOff_NoDefaultTaxCode()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync(TestEmulator.PlainRealm);

        var customer = (await api.PostAsync("customer", """{"DisplayName":"No Tax Here"}""")).Json["Customer"]!;

        Assert.Null(customer["DefaultTaxCodeRef"]);
    }

    [Fact]
    public async Task Customer_CreatedNotTaxable_NoDefaultTaxCode()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var customer = (await api.PostAsync("customer", """{"DisplayName":"Exempt Church","Taxable":false}""")).Json["Customer"]!;

        Assert.Null(customer["DefaultTaxCodeRef"]);
    }

    private static async Task<string> AccountAsync(QboCalls api, string name) =>
        (string)(await api.QueryAsync($"select * from Account where Name = '{name}'")).Json["QueryResponse"]!["Account"]![0]!["Id"]!;

    /// <summary>A bill for the first vendor with one expense line, without APAccountRef.</summary>
    private static async Task<JsonObject> BillAsync(QboCalls api) => new()
    {
        ["VendorRef"] = new JsonObject { ["value"] = await FirstIdAsync(api, "Vendor") },
        ["Line"] = new JsonArray(new JsonObject
        {
            ["Amount"] = 120, ["DetailType"] = "AccountBasedExpenseLineDetail",
            ["AccountBasedExpenseLineDetail"] = new JsonObject { ["AccountRef"] = new JsonObject { ["value"] = await AccountAsync(api, "Equipment Rental") } },
        }),
    };

    private static async Task<string> FirstIdAsync(QboCalls api, string entity) =>
        (string)(await api.QueryAsync($"select * from {entity}")).Json["QueryResponse"]![entity]![0]!["Id"]!;
}
