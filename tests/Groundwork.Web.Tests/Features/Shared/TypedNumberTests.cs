using Groundwork.Web.Features.Shared;

namespace Groundwork.Web.Tests.Features.Shared;

public sealed class TypedNumberTests
{
    [Theory]
    [InlineData("$1,000.00", "1000.00")]
    [InlineData("1,000", "1000")]
    [InlineData(" 1000.5 ", "1000.5")]
    [InlineData("1,234,567.89", "1234567.89")]
    [InlineData("-$25.10", "-25.10")]
    [InlineData("$-25.10", "-25.10")]
    [InlineData("- $ 25", "-25")]
    [InlineData(".5", "0.5")]
    [InlineData("12.", "12")]
    [InlineData("0", "0")]
    public void TryParseAmount_AsPeopleTypeIt_ReadsTheAmount(string text, string expected)
    {
        Assert.True(TypedNumber.TryParseAmount(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("$")]
    [InlineData("12abc")]
    [InlineData("1,00")]
    [InlineData("1.000,00")]
    [InlineData("10,0000")]
    [InlineData(",100")]
    [InlineData("--5")]
    [InlineData("-$-5")]
    [InlineData("1e3")]
    [InlineData("€100")]
    [InlineData("1 000")]
    [InlineData("٣")]
    [InlineData("99999999999999999999999999999999")]
    public void TryParseAmount_NotAnAmount_IsRefused(string? text)
    {
        Assert.False(TypedNumber.TryParseAmount(text, out var value));
        Assert.Equal(0m, value);
    }

    [Theory]
    [InlineData("2", true)]
    [InlineData("1,500", true)]
    [InlineData("-1.25", true)]
    [InlineData("$2", false)]
    [InlineData("two", false)]
    public void TryParseQuantity_TakesNumbersButNoCurrencySign(string text, bool accepted)
    {
        Assert.Equal(accepted, TypedNumber.TryParseQuantity(text, out _));
    }
}
