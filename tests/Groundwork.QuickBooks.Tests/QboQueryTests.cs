namespace Groundwork.QuickBooks.Tests;

public sealed class QboQueryTests
{
    [Fact]
    public void WhereEquals_ValueWithApostrophe_EscapesItWithBackslash()
    {
        var query = QboQuery.From("Customer").WhereEquals("DisplayName", "Amy's Bird Sanctuary");

        Assert.Equal(@"SELECT * FROM Customer WHERE DisplayName = 'Amy\'s Bird Sanctuary'", query.ToString());
    }

    [Fact]
    public void WhereEquals_ValueEndingInBackslash_CannotCloseTheQuote()
    {
        var query = QboQuery.From("Vendor").WhereEquals("DisplayName", @"x\' OR Id > '0");

        Assert.Equal(@"SELECT * FROM Vendor WHERE DisplayName = 'x\\\' OR Id > \'0'", query.ToString());
    }

    [Fact]
    public void WhereEquals_Ampersand_IsKeptLiterally()
    {
        var query = QboQuery.From("Vendor").WhereEquals("DisplayName", "Robertson & Associates");

        Assert.Equal("SELECT * FROM Vendor WHERE DisplayName = 'Robertson & Associates'", query.ToString());
    }

    [Theory]
    [InlineData(QboOperator.Equal, "=")]
    [InlineData(QboOperator.LessThan, "<")]
    [InlineData(QboOperator.GreaterThan, ">")]
    [InlineData(QboOperator.LessThanOrEqual, "<=")]
    [InlineData(QboOperator.GreaterThanOrEqual, ">=")]
    public void Where_EachOperator_RendersQboSymbol(QboOperator op, string symbol)
    {
        var query = QboQuery.From("Invoice").Where("Balance", op, 0m);

        Assert.Equal($"SELECT * FROM Invoice WHERE Balance {symbol} '0'", query.ToString());
    }

    [Fact]
    public void Build_AllClauses_AppearInQboOrder()
    {
        var query = QboQuery.From("Customer")
            .WhereIn("Id", ["5", "6"])
            .WhereLike("DisplayName", "Amy%")
            .Where("MetaData.LastUpdatedTime", QboOperator.GreaterThan, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(-7)))
            .IncludeInactive()
            .OrderBy("Id", descending: true)
            .StartPosition(3)
            .MaxResults(2);

        Assert.Equal(
            "SELECT * FROM Customer WHERE Id IN ('5', '6') AND DisplayName LIKE 'Amy%' " +
            "AND MetaData.LastUpdatedTime > '2026-03-01T09:00:00-07:00' AND Active IN (true, false) " +
            "ORDERBY Id DESC STARTPOSITION 3 MAXRESULTS 2",
            query.ToString());
    }

    [Fact]
    public void IncludeInactive_CalledTwice_AddsTheConditionOnce()
    {
        var query = QboQuery.From("Vendor").IncludeInactive().IncludeInactive();

        Assert.Equal("SELECT * FROM Vendor WHERE Active IN (true, false)", query.ToString());
    }

    [Fact]
    public void Count_WithBooleanCondition_RendersCountStarAndBareBoolean()
    {
        var query = QboQuery.Count("Employee").WhereEquals("Active", false);

        Assert.Equal("SELECT COUNT(*) FROM Employee WHERE Active = false", query.ToString());
        Assert.True(query.IsCount);
    }

    [Fact]
    public void WhereEquals_DateOnly_RendersIsoDate()
    {
        var query = QboQuery.From("Bill").WhereEquals("TxnDate", new DateOnly(2026, 3, 1));

        Assert.Equal("SELECT * FROM Bill WHERE TxnDate = '2026-03-01'", query.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void MaxResults_OutsideOneToThousand_IsRejected(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QboQuery.From("Item").MaxResults(count));
    }

    [Fact]
    public void StartPosition_Zero_IsRejectedAsQboDoes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QboQuery.From("Item").StartPosition(0));
    }

    [Theory]
    [InlineData("Customer WHERE 1=1")]
    [InlineData("Display Name")]
    [InlineData("Name'")]
    [InlineData("")]
    public void Where_FieldThatIsNotAnIdentifier_IsRejected(string field)
    {
        Assert.Throws<ArgumentException>(() => QboQuery.From("Customer").WhereEquals(field, "x"));
    }

    [Fact]
    public void WhereIn_NoValues_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => QboQuery.From("Customer").WhereIn("Id", []));
    }

    [Fact]
    public void Literal_DateTimeWithoutOffset_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => QboQuery.Literal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Unspecified)));
    }

    [Fact]
    public void StartPosition_ReturnsNewQuery_LeavesOriginalUnchanged()
    {
        var original = QboQuery.From("Item");

        var paged = original.StartPosition(1001);

        Assert.Equal("SELECT * FROM Item", original.ToString());
        Assert.Equal("SELECT * FROM Item STARTPOSITION 1001", paged.ToString());
    }
}
