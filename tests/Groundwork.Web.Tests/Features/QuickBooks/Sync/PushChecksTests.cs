using Groundwork.Web.Features.Documents;
using Groundwork.Web.Features.QuickBooks.Connection;
using Groundwork.Web.Features.QuickBooks.Links;
using Groundwork.Web.Features.QuickBooks.Sync;

namespace Groundwork.Web.Tests.Features.QuickBooks.Sync;

/// <summary>The pre-flight rules as a table: each input and the problem code it gives (null: none).</summary>
public sealed class PushChecksTests
{
    private static DocumentLine Line(decimal qty, long unitCents, long amountCents) =>
        new() { Name = "L", Quantity = qty, UnitAmountCents = unitCents, AmountCents = amountCents };

    [Theory]
    [InlineData(2, 15025, 30050, null)]
    [InlineData(0.5, 25, 13, PushChecks.LineAmount)] // 0.125: QBO rounds half to even (0.12)
    [InlineData(0.5, 25, 12, null)]
    [InlineData(1.5, 3, 5, PushChecks.LineAmount)] // 0.045 → 0.04 at QBO, 0.05 in Groundwork
    [InlineData(-1, 7550, -7550, null)]
    public void Line_AmountAgainstQuickBooksRounding(decimal qty, long unit, long amount, string? code) =>
        Assert.Equal(code, PushChecks.Line(Line(qty, unit, amount), 0)?.Code);

    [Theory]
    [InlineData("INV-1001", null)]
    [InlineData("123456789012345678901", null)]
    [InlineData("1234567890123456789012", PushChecks.DocNumberTooLong)]
    [InlineData(null, null)]
    public void DocNumber_AtMost21Characters(string? number, string? code) => Assert.Equal(code, PushChecks.DocNumber(number)?.Code);

    [Theory]
    [InlineData(DocumentKind.Bill, -1, PushChecks.NegativeBill)]
    [InlineData(DocumentKind.Bill, 0, null)]
    [InlineData(DocumentKind.Invoice, -1, null)]
    public void Totals_NoNegativeBill(DocumentKind kind, long total, string? code) =>
        Assert.Equal(code, PushChecks.Totals(new Document { Number = "N", Kind = kind, TotalCents = total })?.Code);

    [Theory]
    [InlineData(0, false, false, null)]
    [InlineData(100, false, true, PushChecks.SalesTaxOff)]
    [InlineData(100, true, false, PushChecks.NoTaxCode)]
    [InlineData(100, true, true, null)]
    public void SalesTax_TaxNeedsSalesTaxAndARate(long tax, bool usingSalesTax, bool hasCode, string? code) =>
        Assert.Equal(code, PushChecks.SalesTax(new Document { Number = "N", TaxCents = tax, SubtotalCents = 1000 }, usingSalesTax, hasCode)?.Code);

    [Theory]
    [InlineData(true, 1, false, PushChecks.UnmappedClass)]
    [InlineData(true, 0, true, null)]
    [InlineData(false, 0, true, PushChecks.ClassTrackingOff)]
    [InlineData(false, 1, false, null)]
    public void Classes_MappedIffTrackedPerLine(bool perLine, int unmapped, bool anyMapped, string? code) =>
        Assert.Equal(code, PushChecks.Classes(perLine, [.. Enumerable.Repeat("Labor", unmapped)], anyMapped)?.Code);

    [Theory]
    [InlineData(false, true, PushChecks.NoDefaultItem)]
    [InlineData(false, false, null)]
    [InlineData(true, true, null)]
    public void DefaultItem_RequiredWhenALineIsUnmapped(bool usable, bool needed, string? code) =>
        Assert.Equal(code, PushChecks.DefaultItem(usable, needed)?.Code);

    [Theory]
    [InlineData(null, false, null)]
    [InlineData(QboLinkState.Active, false, null)]
    [InlineData(QboLinkState.Deleted, false, PushChecks.DeletedInQuickBooks)]
    [InlineData(QboLinkState.Deleted, true, null)]
    public void Deleted_InQuickBooks_OnlyADeliberateRepushCreatesItAgain(QboLinkState? state, bool repush, string? code)
    {
        QboLink? link = null;
        if (state is { } s)
        {
            link = new QboLink { Kind = LinkedKind.Invoice, LocalId = 7 };
            link.PointAt("Invoice", "130", "1001");
            link.State = s;
        }

        Assert.Equal(code, PushChecks.Deleted(link, repush)?.Code);
    }

    [Fact]
    public void Readiness_NoTaxAgency_Blocks_AndUnknownReadinessAsksForACheck()
    {
        ReadinessItem Agency(bool ok) => new("tax-agency", "A tax agency exists", ok, true, "finding", ok ? null : "In QuickBooks: Taxes → …");

        Assert.Equal(PushChecks.TaxAgency, PushChecks.Readiness(new Readiness(new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), [Agency(false)]))?.Code);
        Assert.Equal("In QuickBooks: Taxes → …", PushChecks.Readiness(new Readiness(new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), [Agency(false)]))?.Fix);
        Assert.Null(PushChecks.Readiness(new Readiness(new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc), [Agency(true)])));
        Assert.Equal(PushChecks.NotChecked, PushChecks.Readiness(null)?.Code);
    }
}
