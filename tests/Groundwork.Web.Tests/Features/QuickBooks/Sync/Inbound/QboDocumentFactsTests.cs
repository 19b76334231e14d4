using Groundwork.QuickBooks.Wire;
using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Sync.Inbound;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync.Inbound;

/// <summary>Reading QBO's figures as a table: (what QBO sent) → voided, total, paid; drift against Groundwork's total.</summary>
public sealed class QboDocumentFactsTests
{
    public static TheoryData<string, QboTransaction, bool, long, long?> Reads => new()
    {
        { "open invoice", new QboInvoice { TotalAmt = 100m, Balance = 100m }, false, 10_000, 0 },
        { "part paid", new QboInvoice { TotalAmt = 100m, Balance = 60.25m }, false, 10_000, 3_975 },
        { "paid", new QboInvoice { TotalAmt = 100m, Balance = 0m }, false, 10_000, 10_000 },
        { "no balance sent", new QboInvoice { TotalAmt = 100m }, false, 10_000, null },
        { "voided (zeroed, noted)", new QboInvoice { TotalAmt = 0m, Balance = 0m, PrivateNote = "Voided" }, true, 0, 0 },
        { "voided (status)", new QboInvoice { TotalAmt = 0m, Balance = 0m, Status = "Voided" }, true, 0, 0 },
        { "zero total, not voided", new QboInvoice { TotalAmt = 0m, Balance = 0m, PrivateNote = "Groundwork invoice 7" }, false, 0, 0 },
        { "note says voided, amounts kept", new QboInvoice { TotalAmt = 50m, Balance = 50m, PrivateNote = "Voided?" }, false, 5_000, 0 },
        { "bill paid in part", new QboBill { TotalAmt = 502m, Balance = 2m }, false, 50_200, 50_000 },
        { "credit memo applied in part", new QboCreditMemo { TotalAmt = 80m, Balance = 30m, RemainingCredit = 30m }, false, 8_000, 5_000 },
        { "credit memo, remaining only", new QboCreditMemo { TotalAmt = 80m, RemainingCredit = 0m }, false, 8_000, 8_000 },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void Read_QboFigures_GiveVoidTotalAndPaid(string _, QboTransaction qbo, bool voided, long total, long? paid)
    {
        var state = QboDocumentFacts.Read(qbo);

        Assert.Equal(new QboDocumentState(voided, total, paid), state);
    }

    [Theory]
    [InlineData(10_000, 10_000, false, 0, false)]
    [InlineData(10_000, 12_000, false, 0, true)]
    [InlineData(-8_000, 8_000, false, 0, false)]
    [InlineData(-8_000, 9_000, false, 0, true)]
    [InlineData(10_000, 0, true, 0, false)]
    public void Drifted_QboTotalAgainstGroundworks_FlagsOnlyAnEditNotAVoid(long groundworkTotal, long qboTotal, bool voided, long qboPaid, bool drifted)
    {
        var document = new Document { Number = "1", TotalCents = groundworkTotal };

        Assert.Equal(drifted, QboDocumentFacts.Drifted(document, new QboDocumentState(voided, qboTotal, qboPaid)));
    }

    [Theory]
    [InlineData(10_000, 4_000, 0, 4_000)]
    [InlineData(10_000, 4_000, 1_500, 5_500)]
    [InlineData(-8_000, 5_000, 0, -5_000)]
    public void GroundworkPaid_SignsQbosAmountLikeTheDocumentAndKeepsPaymentsOnlyInGroundwork(long total, long qboPaid, long groundworkOnly, long expected)
    {
        var document = new Document { Number = "1", TotalCents = total };

        Assert.Equal(expected, QboDocumentFacts.GroundworkPaid(document, new QboDocumentState(false, Math.Abs(total), qboPaid), groundworkOnly));
    }

    [Fact]
    public void AppliedTo_PaymentLines_NameTheirInvoicesAndCreditMemosOnceEach()
    {
        var payment = new QboPayment
        {
            Line =
            [
                new QboLine { Amount = 10m, LinkedTxn = [new QboLinkedTxn { TxnId = "5", TxnType = "Invoice" }] },
                new QboLine { Amount = 5m, LinkedTxn = [new QboLinkedTxn { TxnId = "9", TxnType = "CreditMemo" }, new QboLinkedTxn { TxnId = "5", TxnType = "Invoice" }] },
                new QboLine { Amount = 1m, LinkedTxn = [new QboLinkedTxn { TxnId = "3", TxnType = "JournalEntry" }] },
            ],
        };

        Assert.Equal([("Invoice", "5"), ("CreditMemo", "9")], QboDocumentFacts.AppliedTo(payment));
    }
}
