using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Store;

namespace Groundwork.QboEmulator.Tests.Store;

/// <summary>The company's DocNumber index follows every write, so the 6140 check and auto-numbering need no scan.</summary>
public sealed class DocNumberIndexTests
{
    private static JsonObject Doc(string id, string? number) =>
        number is null ? new JsonObject { ["Id"] = id } : new JsonObject { ["Id"] = id, ["DocNumber"] = number };

    [Fact]
    public void Writes_KeepNumbersAndTheHighestWholeNumberCurrent()
    {
        var company = new Company("1", "Index Co");
        company.Put("Invoice", Doc("1", "1001"));
        company.Put("Invoice", Doc("2", "1005"));
        company.Put("Invoice", Doc("3", "A-7"));
        company.Put("Invoice", Doc("4", "1005"));
        company.Put("Bill", Doc("5", "9999"));

        var index = company.DocNumbers("Invoice");
        Assert.Equal(1005, index.Highest);
        Assert.Equal(["2", "4"], index.Ids("1005").Order());
        Assert.Equal(["3"], index.Ids("A-7"));

        // An update that changes the number moves it; a delete removes it; the highest follows.
        company.Put("Invoice", Doc("2", "1002"));
        Assert.Equal(["4"], index.Ids("1005"));
        company.Remove("Invoice", "4");
        Assert.Empty(index.Ids("1005"));
        Assert.Equal(1002, index.Highest);
        company.Put("Invoice", Doc("1", null));
        Assert.Empty(index.Ids("1001"));
        Assert.Equal(9999, company.DocNumbers("Bill").Highest);
        Assert.Null(company.DocNumbers("CreditMemo").Highest);
    }
}
