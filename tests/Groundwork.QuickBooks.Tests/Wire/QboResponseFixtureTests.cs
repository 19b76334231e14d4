using System.Text.Json;
using System.Text.Json.Nodes;
using Groundwork.QuickBooks.Tests.Fixtures;
using Groundwork.QuickBooks.Wire;
using Xunit.Abstractions;

namespace Groundwork.QuickBooks.Tests.Wire;

/// <summary>Every recorded QBO success body parses into the wire types and comes back out unchanged.</summary>
public sealed class QboResponseFixtureTests(ITestOutputHelper output)
{
    // Field names the typed model must bind somewhere in the recordings: a misspelt property would drop out of this set.
    private static readonly string[] ModelledNames =
    [
        "Id", "SyncToken", "MetaData", "CreateTime", "LastUpdatedTime", "domain", "sparse", "status", "time",
        "QueryResponse", "startPosition", "maxResults", "totalCount", "BatchItemResponse", "bId", "CDCResponse",
        "Customer", "Vendor", "Employee", "Invoice", "Item", "Account", "Preferences", "SalesReceipt",
        "DisplayName", "GivenName", "FamilyName", "CompanyName", "PrintOnCheckName", "Active", "PrimaryPhone", "FreeFormNumber",
        "PrimaryEmailAddr", "Address", "WebAddr", "URI", "BillAddr", "ShipAddr", "Line1", "City", "CountrySubDivisionCode",
        "PostalCode", "Lat", "Long", "Balance", "BalanceWithJobs", "Job", "Taxable", "DefaultTaxCodeRef", "Vendor1099", "AcctNum",
        "CustomerRef", "Line", "LineNum", "Description", "Amount", "DetailType", "SalesItemLineDetail", "SubTotalLineDetail",
        "ItemRef", "TaxCodeRef", "Qty", "UnitPrice", "TotalAmt", "DocNumber", "TxnDate", "DueDate", "PrivateNote", "LinkedTxn",
        "CurrencyRef", "value", "name", "TxnTaxDetail", "TotalTax", "CustomField", "DefinitionId", "EmailStatus", "PrintStatus",
        "CustomerMemo", "Name", "Type", "FullyQualifiedName", "IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef",
        "QtyOnHand", "InvStartDate", "AccountType", "AccountSubType", "Classification", "CurrentBalance",
        "AccountingInfoPrefs", "ClassTrackingPerTxn", "ClassTrackingPerTxnLine", "SalesFormsPrefs", "CustomTxnNumbers",
        "TaxPrefs", "UsingSalesTax", "TaxGroupCodeRef", "CurrencyPrefs", "HomeCurrency", "VendorAndPurchasesPrefs",
        "OtherPrefs", "NameValue", "DepositToAccountRef",
    ];

    public static TheoryData<string> SuccessBodies => QboFixtureCatalog.Rows(r => !r.IsFault);

    [Theory]
    [MemberData(nameof(SuccessBodies))]
    public void QboResponse_RecordedSuccessBody_RoundTripsWithoutLoss(string file)
    {
        var recorded = QboFixtureCatalog.Api(file);

        var parsed = recorded.Body.Deserialize<QboResponse>(QboJson.Options);
        var written = JsonSerializer.SerializeToNode(parsed, QboJson.Options);

        Assert.Empty(JsonSemantics.Differences(recorded.Body, written));
    }

    [Theory]
    [MemberData(nameof(SuccessBodies))]
    public void QboResponse_RecordedSuccessBody_TypedPropertiesHoldTheRecordedValues(string file)
    {
        var recorded = QboFixtureCatalog.Api(file);

        var parsed = recorded.Body.Deserialize<QboResponse>(QboJson.Options);
        var typed = JsonSerializer.SerializeToNode(parsed, TypedOnlyJson.Options);

        Assert.Empty(JsonSemantics.Differences(recorded.Body, typed, actualMayOmit: true));
        output.WriteLine($"not modelled (kept as raw JSON): {string.Join(", ", Unmodelled(recorded.Body, typed).Distinct().Order())}");
    }

    [Fact]
    public void QboResponse_AllRecordedSuccessBodies_BindEveryModelledFieldName()
    {
        Assert.True(QboFixtures.Directory is not null, QboFixtures.MissingMessage);
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recorded in QboFixtureCatalog.ApiResponses().Where(r => !r.IsFault))
        {
            var parsed = recorded.Body.Deserialize<QboResponse>(QboJson.Options);
            CollectNames(JsonSerializer.SerializeToNode(parsed, TypedOnlyJson.Options), bound);
        }

        var missing = ModelledNames.Where(name => !bound.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"never bound by a typed property: {string.Join(", ", missing)}");
    }

    private static void CollectNames(JsonNode? node, HashSet<string> names)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                {
                    names.Add(name);
                    CollectNames(value, names);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    CollectNames(item, names);
                }

                break;
        }
    }

    private static IEnumerable<string> Unmodelled(JsonNode? original, JsonNode? typed) =>
        (original, typed) switch
        {
            (JsonObject o, JsonObject t) => o.SelectMany(p => t.TryGetPropertyValue(p.Key, out var v)
                ? Unmodelled(p.Value, v)
                : [p.Key]),
            (JsonArray o, JsonArray t) => o.Zip(t).SelectMany(pair => Unmodelled(pair.First, pair.Second)),
            _ => [],
        };
}
