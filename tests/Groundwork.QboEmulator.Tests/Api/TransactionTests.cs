using System.Net;
using Groundwork.QboEmulator.Tests.Support;

namespace Groundwork.QboEmulator.Tests.Api;

public sealed class TransactionTests
{
    private const string TwoLineInvoice = """
        {"CustomerRef":{"value":"1"},"DocNumber":"GW-100","Line":[
          {"Amount":1200,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"2"},"ClassRef":{"value":"1"},"Qty":8,"UnitPrice":150,"TaxCodeRef":{"value":"NON"}}},
          {"Amount":300.5,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"3"},"TaxCodeRef":{"value":"NON"}}}]}
        """;

    [Fact]
    public async Task CreateInvoice_Lines_TotalAmtAndBalanceComputedWithSubTotalLine()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var invoice = (await api.PostAsync("invoice", TwoLineInvoice)).Json["Invoice"]!;

        Assert.Equal(1500.5m, (decimal)invoice["TotalAmt"]!);
        Assert.Equal(1500.5m, (decimal)invoice["Balance"]!);
        var lines = invoice["Line"]!.AsArray();
        Assert.Equal("SubTotalLineDetail", (string?)lines[^1]!["DetailType"]);
        Assert.Equal("1", (string?)lines[0]!["Id"]);
        Assert.Equal("Labor", (string?)lines[0]!["SalesItemLineDetail"]!["ClassRef"]!["name"]);
        Assert.Equal("Amy's Bird Sanctuary", (string?)invoice["CustomerRef"]!["name"]);
        Assert.Equal("4581 Finch St.", (string?)invoice["BillAddr"]!["Line1"]);
        Assert.Equal("4581 Finch St.", (string?)invoice["ShipAddr"]!["Line1"]);
        Assert.Equal("billing1@example.com", (string?)invoice["BillEmail"]!["Address"]);
    }

    [Fact]
    public async Task CreateInvoice_AmountNotQtyTimesPrice_Fault6070()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var answer = await api.PostAsync("invoice", """{"CustomerRef":{"value":"1"},"Line":[{"Amount":100,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"2"},"Qty":3,"UnitPrice":30}}]}""");

        Assert.Equal("6070", answer.FaultCode);
    }

    [Fact]
    public async Task CreateInvoice_DuplicateDocNumber_Fault6140_UnlessAllowDuplicateDocNum()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        await api.PostAsync("invoice", TwoLineInvoice);

        var duplicate = await api.PostAsync("invoice", TwoLineInvoice);
        var allowed = await api.PostAsync("invoice?include=allowduplicatedocnum", TwoLineInvoice);

        Assert.Equal("6140", duplicate.FaultCode);
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
    }

    [Fact]
    public async Task CreateInvoice_DocNumberOver21Chars_Fault2050_MissingLine_Fault2020()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var tooLong = await api.PostAsync("invoice", """{"CustomerRef":{"value":"1"},"DocNumber":"1234567890123456789012","Line":[]}""");
        var noLines = await api.PostAsync("invoice", """{"CustomerRef":{"value":"1"}}""");

        Assert.Equal("2050", tooLong.FaultCode);
        Assert.Equal("DocNumber", (string?)tooLong.Json["Fault"]!["Error"]![0]!["element"]);
        Assert.Equal("2020", noLines.FaultCode);
    }

    [Fact]
    public async Task CreateInvoice_InactiveCustomer_Fault610_UnknownItem_Fault2500()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var inactive = await api.PostAsync("invoice", """{"CustomerRef":{"value":"7"},"Line":[{"Amount":10,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""");
        var unknownItem = await api.PostAsync("invoice", """{"CustomerRef":{"value":"1"},"Line":[{"Amount":10,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"999"}}}]}""");

        Assert.Equal("610", inactive.FaultCode);
        Assert.Equal("2500", unknownItem.FaultCode);
    }

    [Fact]
    public async Task CreateInvoice_TaxableLineWithTaxCode_AddsTaxFromTheCodesRates()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var invoice = (await api.PostAsync("invoice", """{"CustomerRef":{"value":"1"},"TxnTaxDetail":{"TxnTaxCodeRef":{"value":"1"}},"Line":[{"Amount":100,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"TAX"}}}]}""")).Json["Invoice"]!;

        Assert.Equal(9.25m, (decimal)invoice["TxnTaxDetail"]!["TotalTax"]!);
        Assert.Equal(109.25m, (decimal)invoice["TotalAmt"]!);
    }

    [Fact]
    public async Task CreateInvoice_CompanyWithoutSalesTax_IgnoresTxnTaxDetailAndLineClass()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync(TestEmulator.PlainRealm);

        var invoice = (await api.PostAsync("invoice", """{"CustomerRef":{"value":"1"},"TxnTaxDetail":{"TotalTax":5},"Line":[{"Amount":100,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"},"ClassRef":{"value":"1"}}}]}""")).Json["Invoice"]!;

        Assert.Equal(100m, (decimal)invoice["TotalAmt"]!);
        Assert.Null(invoice["Line"]![0]!["SalesItemLineDetail"]!["ClassRef"]);
        Assert.Equal("1001", (string?)invoice["DocNumber"]);
    }

    [Fact]
    public async Task ReceivePayment_Partial_LowersBalanceLinksPaymentAndBumpsSyncToken()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var invoice = (await api.PostAsync("invoice", TwoLineInvoice)).Json["Invoice"]!;
        var id = (string)invoice["Id"]!;

        var payment = (await api.PostAsync("payment", $$"""{"CustomerRef":{"value":"1"},"TotalAmt":500,"Line":[{"Amount":500,"LinkedTxn":[{"TxnId":"{{id}}","TxnType":"Invoice"}]}]}""")).Json["Payment"]!;
        var after = (await api.GetAsync($"invoice/{id}")).Json["Invoice"]!;

        Assert.Equal(1000.5m, (decimal)after["Balance"]!);
        Assert.Equal("1", (string?)after["SyncToken"]);
        Assert.Equal((string?)payment["Id"], (string?)after["LinkedTxn"]![0]!["TxnId"]);
        Assert.Equal("Payment", (string?)after["LinkedTxn"]![0]!["TxnType"]);
        Assert.Equal(0m, (decimal)payment["UnappliedAmt"]!);
    }

    [Fact]
    public async Task DeletePayment_ReopensInvoiceBalance()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var id = (string)(await api.PostAsync("invoice", TwoLineInvoice)).Json["Invoice"]!["Id"]!;
        var payment = (await api.PostAsync("payment", $$"""{"CustomerRef":{"value":"1"},"TotalAmt":1500.5,"Line":[{"Amount":1500.5,"LinkedTxn":[{"TxnId":"{{id}}","TxnType":"Invoice"}]}]}""")).Json["Payment"]!;
        Assert.Equal(0m, (decimal)(await api.GetAsync($"invoice/{id}")).Json["Invoice"]!["Balance"]!);

        var deleted = await api.PostAsync("payment?operation=delete", $$"""{"Id":"{{payment["Id"]}}","SyncToken":"0"}""");
        var after = (await api.GetAsync($"invoice/{id}")).Json["Invoice"]!;

        Assert.Equal("Deleted", (string?)deleted.Json["Payment"]!["status"]);
        Assert.Equal(1500.5m, (decimal)after["Balance"]!);
        Assert.Empty(after["LinkedTxn"]!.AsArray());
    }

    [Fact]
    public async Task Payment_MoreThanOpenBalance_BusinessFault_AndNoTotalAmt_Fault6000()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var id = (string)(await api.PostAsync("invoice", TwoLineInvoice)).Json["Invoice"]!["Id"]!;

        var over = await api.PostAsync("payment", $$"""{"CustomerRef":{"value":"1"},"TotalAmt":2000,"Line":[{"Amount":2000,"LinkedTxn":[{"TxnId":"{{id}}","TxnType":"Invoice"}]}]}""");
        var noTotal = await api.PostAsync("payment", """{"CustomerRef":{"value":"1"}}""");

        Assert.Equal("6000", over.FaultCode);
        Assert.Equal("6000", noTotal.FaultCode);
        Assert.Contains("You must set a transaction amount", (string?)noTotal.Json["Fault"]!["Error"]![0]!["Detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoidInvoice_ZeroesAmountsNotesVoidedAndBumpsSyncToken()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var id = (string)(await api.PostAsync("invoice", TwoLineInvoice)).Json["Invoice"]!["Id"]!;

        var voided = (await api.PostAsync("invoice?operation=void", $$"""{"Id":"{{id}}","SyncToken":"0"}""")).Json["Invoice"]!;

        Assert.Equal(0m, (decimal)voided["TotalAmt"]!);
        Assert.Equal(0m, (decimal)voided["Balance"]!);
        Assert.Equal("Voided", (string?)voided["PrivateNote"]);
        Assert.Equal("1", (string?)voided["SyncToken"]);
    }

    [Fact]
    public async Task DeleteInvoice_ThenRead_Fault610_AndDeleteCustomer_Unsupported()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var id = (string)(await api.PostAsync("invoice", TwoLineInvoice)).Json["Invoice"]!["Id"]!;

        var deleted = await api.PostAsync("invoice?operation=delete", $$"""{"Id":"{{id}}","SyncToken":"0"}""");
        var read = await api.GetAsync($"invoice/{id}");
        var customer = await api.PostAsync("customer?operation=delete", """{"Id":"1","SyncToken":"0"}""");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("610", read.FaultCode);
        Assert.Equal("500", customer.FaultCode);
    }

    [Fact]
    public async Task BillPayment_Check_PaysBillAndLinksBillPaymentCheck()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var bill = (await api.PostAsync("bill", """{"VendorRef":{"value":"9"},"DocNumber":"H-1","Line":[{"Amount":250,"DetailType":"AccountBasedExpenseLineDetail","AccountBasedExpenseLineDetail":{"AccountRef":{"value":"8"},"ClassRef":{"value":"2"}}}]}""")).Json["Bill"]!;
        var id = (string)bill["Id"]!;

        var pay = await api.PostAsync("billpayment", $$$"""{"VendorRef":{"value":"9"},"PayType":"Check","CheckPayment":{"BankAccountRef":{"value":"1"}},"TotalAmt":250,"Line":[{"Amount":250,"LinkedTxn":[{"TxnId":"{{{id}}}","TxnType":"Bill"}]}]}""");
        var after = (await api.GetAsync($"bill/{id}")).Json["Bill"]!;

        Assert.Equal(HttpStatusCode.OK, pay.Status);
        Assert.Equal(0m, (decimal)after["Balance"]!);
        Assert.Equal("BillPaymentCheck", (string?)after["LinkedTxn"]![0]!["TxnType"]);
    }

    [Fact]
    public async Task CustomerBalance_FollowsInvoicesPaymentsAndJobs()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();
        var job = (await api.QueryAsync("select * from Customer where ParentRef = '4'")).Json["QueryResponse"]!["Customer"]![0]!;
        var invoice = (await api.PostAsync("invoice", """{"CustomerRef":{"value":"JOB"},"Line":[{"Amount":400,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""".Replace("JOB", (string)job["Id"]!, StringComparison.Ordinal))).Json["Invoice"]!;
        await api.PostAsync("payment", $$$"""{"CustomerRef":{"value":"{{{job["Id"]}}}"},"TotalAmt":150,"Line":[{"Amount":150,"LinkedTxn":[{"TxnId":"{{{invoice["Id"]}}}","TxnType":"Invoice"}]}]}""");

        var jobAfter = (await api.GetAsync($"customer/{job["Id"]}")).Json["Customer"]!;
        var parent = (await api.GetAsync("customer/4")).Json["Customer"]!;

        Assert.Equal(250m, (decimal)jobAfter["Balance"]!);
        Assert.Equal(0m, (decimal)parent["Balance"]!);
        Assert.Equal(250m, (decimal)parent["BalanceWithJobs"]!);
        Assert.Equal("0", (string?)parent["SyncToken"]);
    }

    [Theory]
    [InlineData("payment?include=void", "{\"Id\":\"3\",\"SyncToken\":\"0\",\"sparse\":true}")]
    [InlineData("payment", "{\"Id\":\"3\",\"SyncToken\":\"0\",\"sparse\":true,\"void\":true}")]
    [InlineData("payment?operation=void", "{\"Id\":\"3\",\"SyncToken\":\"0\"}")]
    public async Task VoidPayment_AnyOfTheClientStyles_ReopensInvoice(string path, string body)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var voided = await api.PostAsync(path, body);
        var invoice = (await api.GetAsync("invoice/2")).Json["Invoice"]!;

        Assert.Equal(0m, (decimal)voided.Json["Payment"]!["TotalAmt"]!);
        Assert.Equal(800m, (decimal)invoice["Balance"]!);
        Assert.Empty(invoice["LinkedTxn"]!.AsArray());
    }

    [Fact]
    public async Task CreditMemo_Create_HasRemainingCredit()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var api = await emulator.ApiAsync();

        var memo = (await api.PostAsync("creditmemo", """{"CustomerRef":{"value":"1"},"Line":[{"Amount":75,"DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}""")).Json["CreditMemo"]!;

        Assert.Equal(75m, (decimal)memo["RemainingCredit"]!);
        Assert.Equal(75m, (decimal)memo["TotalAmt"]!);
    }
}
