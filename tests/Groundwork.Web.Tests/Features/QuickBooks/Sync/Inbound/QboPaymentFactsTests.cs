using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>
/// A QBO Payment or BillPayment read as Groundwork's facts, as a table: (what QBO sent, which of its documents Groundwork has
/// linked) → gone (deleted, voided, unapplied), applications, amount, unapplied amount, documents Groundwork does not know.
/// </summary>
public sealed class QboPaymentFactsTests
{
    /// <summary>QBO invoice "11" is Groundwork's document 7, QBO bill "21" its document 8; "99" is linked to nothing.</summary>
    private static readonly Dictionary<string, long> Linked = new(StringComparer.Ordinal) { ["11"] = 7, ["21"] = 8 };

    private static QboLine Line(decimal amount, string id, string type = "Invoice") =>
        new() { Amount = amount, LinkedTxn = [new QboLinkedTxn { TxnId = id, TxnType = type }] };

    public static TheoryData<string, QboTransaction?, string?, Dictionary<long, long>, long, long, string[]> Reads => new()
    {
        { "paid in full", new QboPayment { TotalAmt = 100m, Line = [Line(100m, "11")] }, null, new() { [7] = 10_000 }, 10_000, 0, [] },
        { "overpayment: more money than applied, the rest a credit", new QboPayment { TotalAmt = 150m, UnappliedAmt = 50m, Line = [Line(100m, "11")] },
            null, new() { [7] = 10_000 }, 15_000, 5_000, [] },
        { "applications above TotalAmt: QBO's lines kept", new QboPayment { TotalAmt = 50m, Line = [Line(80m, "11")] }, null, new() { [7] = 8_000 }, 8_000, 0, [] },
        { "unapplied: no lines at all", new QboPayment { TotalAmt = 100m, UnappliedAmt = 100m }, "unapplied", new(), 10_000, 10_000, [] },
        { "unapplied: lines of zero", new QboPayment { TotalAmt = 100m, Line = [Line(0m, "11")] }, "unapplied", new(), 10_000, 10_000, [] },
        { "only documents Groundwork does not know", new QboPayment { TotalAmt = 40m, Line = [Line(40m, "99")] }, "unapplied", new(), 4_000, 0, ["99"] },
        { "known and unknown documents", new QboPayment { TotalAmt = 50m, Line = [Line(30m, "11"), Line(20m, "99")] }, null, new() { [7] = 3_000 }, 5_000, 0, ["99"] },
        { "credit memo lines are not invoices", new QboPayment { TotalAmt = 0m, Line = [Line(25m, "11"), Line(25m, "31", "CreditMemo")] },
            null, new() { [7] = 2_500 }, 2_500, 0, [] },
        { "two lines on one invoice add up", new QboPayment { TotalAmt = 60m, Line = [Line(25m, "11"), Line(35m, "11")] }, null, new() { [7] = 6_000 }, 6_000, 0, [] },
        { "bill payment on a linked bill", new QboBillPayment { TotalAmt = 70m, Line = [Line(70m, "21", "Bill")] }, null, new() { [8] = 7_000 }, 7_000, 0, [] },
        { "bill payment lines naming an invoice are not its", new QboBillPayment { TotalAmt = 70m, Line = [Line(70m, "11")] }, "unapplied", new(), 7_000, 7_000, [] },
        { "deleted in QuickBooks", null, "deleted", new(), 0, 0, [] },
        { "voided (status)", new QboPayment { TotalAmt = 0m, Status = "Voided", Line = [Line(0m, "11")] }, "voided", new(), 0, 0, [] },
        { "voided (zeroed, noted)", new QboPayment { TotalAmt = 0m, PrivateNote = "Voided", Line = [] }, "voided", new(), 0, 0, [] },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void Read_QboPayment_GivesWhatGroundworkRecords(string _, QboTransaction? qbo, string? gone, Dictionary<long, long> applied, long amount, long unapplied,
        string[] unknown)
    {
        var facts = QboPaymentFacts.Read(qbo, Linked);

        Assert.Equal((gone, amount, unapplied), (facts.Gone, facts.AmountCents, facts.UnappliedCents));
        Assert.Equal(applied.OrderBy(a => a.Key).ToList(), facts.Applied.OrderBy(a => a.Key).ToList());
        Assert.Equal(unknown, facts.UnknownDocuments);
    }

    [Fact]
    public void Read_AmountsBeyondWhatCentsHold_AreRefusedNotWrapped()
    {
        var huge = new QboPayment { TotalAmt = 1m, Line = [Line(50_000_000_000_000_000m, "11"), Line(50_000_000_000_000_000m, "11")] };

        Assert.Throws<OverflowException>(() => QboPaymentFacts.Read(huge, Linked));
    }
}
