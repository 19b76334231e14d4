using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>The drift rule and the take, as tables: (what Groundwork would push, what QBO has) → the differences; (QBO's lines, mappings) → Groundwork's lines.</summary>
public sealed class QboLineFactsTests
{
    private static readonly PushSettings Settings = new(null, ClassesPerLine: true, CustomNumbers: true, UsingSalesTax: false, null, ("1", "Services"), true,
        new Dictionary<long, (string, string?)> { [10] = ("7", "Labor"), [11] = ("7", "Labor"), [12] = ("8", "Materials") },
        new Dictionary<long, (string, string?)> { [20] = ("3", "Labor") }, new Dictionary<long, string>(), QboCustomerLayout.LocationAsSubCustomer,
        new HashSet<string>(), new HashSet<string>());

    private static PushPlan Plan(DocumentKind kind, params PlannedLine[] lines) => new(1, kind, "INV-1", "Invoice", "update", "5",
        [new PlannedName(LinkedKind.Customer, 1, "Amy", "linked", "40", null, null), new PlannedName(LinkedKind.Location, 2, "Amy:Site", "linked", "41", LinkedKind.Customer, 1)],
        lines, "INV-1", new DateOnly(2026, 1, 1), null, lines.Sum(l => l.Amount), 0, lines.Sum(l => l.Amount), null, []);

    private static PlannedLine Mine(decimal qty, decimal price, string item = "7", string? cls = null) =>
        new(0, "Work", null, item, "Labor", false, cls, cls is null ? null : "Labor", qty, price, qty * price, false);

    private static QboLine Theirs(decimal qty, decimal price, string item = "7", string? cls = null, decimal? amount = null) => new()
    {
        DetailType = "SalesItemLineDetail", Amount = amount ?? qty * price,
        SalesItemLineDetail = new QboSalesItemLineDetail { ItemRef = new QboRef(item, item == "9" ? "Concrete" : null), Qty = qty, UnitPrice = price, ClassRef = cls is null ? null : new QboRef(cls) },
    };

    private static IReadOnlyList<string> Differences(PushPlan plan, string customer, params QboLine[] lines)
    {
        var qbo = new QboInvoice { TotalAmt = lines.Sum(l => l.Amount), Balance = 0, CustomerRef = new QboRef(customer), Line = [.. lines, new QboLine { DetailType = "SubTotalLineDetail", Amount = 1 }] };
        return QboLineFacts.Differences(plan, QboDocumentFacts.Read(qbo), qbo);
    }

    [Fact]
    public void Differences_SameLinesUnderTheSubCustomerOrItsParent_None()
    {
        var plan = Plan(DocumentKind.Invoice, Mine(2, 50m, cls: "3"));

        Assert.Empty(Differences(plan, "41", Theirs(2, 50m, cls: "3")));
        Assert.Empty(Differences(plan, "40", Theirs(2, 50m, cls: "3")));
    }

    [Fact]
    public void Differences_EachKind_IsNamedWithBothValues()
    {
        var plan = Plan(DocumentKind.Invoice, Mine(2, 50m), Mine(1, 10m));

        var found = Differences(plan, "99", Theirs(4, 25m, item: "9", cls: "3"), Theirs(1, 10m), Theirs(1, 5m));

        Assert.Equal([
            "the total is $115.00 in QuickBooks but $110.00 in Groundwork",
            "QuickBooks has 3 lines, Groundwork 2",
            "line 1: quantity 4 (Groundwork 2), unit price 25.00 (Groundwork 50.00), Product/Service “Concrete” (Groundwork “Labor”), class “3” (Groundwork “none”)",
            "the customer is “99” (id 99) in QuickBooks but “Amy:Site” (id 41) in Groundwork",
        ], found);
        Assert.StartsWith("Changed in QuickBooks: the total is $115.00", QboLineFacts.Message(found), StringComparison.Ordinal);
        Assert.Null(QboLineFacts.Message([]));
    }

    [Fact]
    public void Take_MapsBack_KeepsTheCurrentCostCodeWhenItFits_DefaultItemHasNone_CreditMemoNegates()
    {
        var current = new List<DocumentLine> { new() { Name = "Framing", CostCodeId = 11, CostTypeId = 20, Quantity = 1, UnitAmountCents = 100 } };
        var qbo = QboLineFacts.Read(new QboCreditMemo { Line = [Theirs(2, 50m, cls: "3"), Theirs(1, 20m, item: "1"), Theirs(1, 10m, item: "8")] });

        var (lines, problems) = QboLineTake.Take(qbo, Settings, sign: -1, invoice: true, current);

        Assert.Empty(problems);
        Assert.Equal([((long?)11, (long?)20, -2m, 5_000L), (null, null, -1m, 2_000L), (12, null, -1m, 1_000L)],
            lines.Select(l => (l.CostCodeId, l.CostTypeId, l.Quantity, l.UnitAmountCents)).ToList());
    }

    [Fact]
    public void Take_UnmappedItemAndClass_AreRefusedWithWhatToMap()
    {
        var qbo = QboLineFacts.Read(new QboInvoice { Line = [Theirs(1, 10m, item: "9"), Theirs(1, 10m, cls: "4")] });

        var (_, problems) = QboLineTake.Take(qbo, Settings, sign: 1, invoice: true, []);

        Assert.Equal(2, problems.Count);
        Assert.StartsWith("Line 1", problems[0], StringComparison.Ordinal);
        Assert.Contains("Product/Service “Concrete” (id 9), which no cost code is mapped to", problems[0], StringComparison.Ordinal);
        Assert.Contains("class “4” (id 4), which no cost type is mapped to", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Take_UnitPriceInFractionsOfACent_BecomesOneTimesTheAmount()
    {
        var qbo = QboLineFacts.Read(new QboInvoice { Line = [Theirs(3, 3.333m, amount: 10m)] });

        var (lines, problems) = QboLineTake.Take(qbo, Settings, sign: 1, invoice: true, []);

        Assert.Empty(problems);
        Assert.Equal((1m, 1_000L), (lines[0].Quantity, lines[0].UnitAmountCents));
    }

    [Fact]
    public void Take_DiscountLine_IsRefused()
    {
        var qbo = QboLineFacts.Read(new QboInvoice { Line = [Theirs(1, 10m), new QboLine { DetailType = "DiscountLineDetail", Amount = 1m }] });

        var (_, problems) = QboLineTake.Take(qbo, Settings, sign: 1, invoice: true, []);

        Assert.Contains(problems, p => p.Contains("DiscountLineDetail", StringComparison.Ordinal));
    }
}
