using Groundwork.Web.Features.QuickBooks.Links;

namespace Groundwork.Web.Tests.Features.QuickBooks.Links;

/// <summary>The one matching rule: what counts as the same name, and how near two different names are.</summary>
public sealed class NameMatchTests
{
    [Theory]
    [InlineData("General Requirements", "GENERAL REQUIREMENTS")]
    [InlineData("  general   requirements ", "GENERAL REQUIREMENTS")]
    [InlineData("General\tRequirements\n", "GENERAL REQUIREMENTS")]
    [InlineData("Ｃｏｎｃｒｅｔｅ", "CONCRETE")]
    [InlineData("   ", "")]
    [InlineData(null, "")]
    public void Key_TrimsFoldsCaseAndSpaces(string? name, string expected) => Assert.Equal(expected, NameMatch.Key(name));

    [Fact]
    public void Key_KeepsPunctuation_SoDifferentNamesStayDifferent() =>
        Assert.NotEqual(NameMatch.Key("Smith & Sons"), NameMatch.Key("Smith and Sons"));

    [Theory]
    [InlineData("Thrifty Meats (deleted)", false, "THRIFTY MEATS")]
    [InlineData("Design (Deleted)", false, "DESIGN")]
    [InlineData("Demolition (deleted)", true, "DEMOLITION (DELETED)")]
    public void QboKey_DropsTheDeletedSuffixOfInactiveRecordsOnly(string name, bool active, string expected) =>
        Assert.Equal(expected, NameMatch.QboKey(name, active));

    [Fact]
    public void CostCodeKeys_NumberAndNameFirst_ThenTheNameAlone() =>
        Assert.Equal(["01 00 00 GENERAL REQUIREMENTS", "GENERAL REQUIREMENTS"], NameMatch.CostCodeKeys("01 00 00", " General  Requirements"));

    [Theory]
    [InlineData("Subcontractor", "Sub-contractor", 1.0)]
    [InlineData("Concrete", "Concrete", 1.0)]
    [InlineData("Concrete", "Painting", 0.0)]
    public void Similarity_ComparesLettersAndDigits(string a, string b, double expected) => Assert.Equal(expected, NameMatch.Similarity(a, b));

    [Fact]
    public void Similarity_OfRelatedNames_IsBetweenTheExtremes()
    {
        var score = NameMatch.Similarity("Cast-in-Place Concrete", "Concrete");
        Assert.InRange(score, 0.4, 0.9);
        Assert.True(NameMatch.Similarity("Rough Carpentry", "Carpentry") > NameMatch.Similarity("Rough Carpentry", "Plumbing"));
    }

    private static NameIndex<(string Id, string Name, bool Active)> Index(params (string Id, string Name, bool Active)[] items) =>
        new(items, i => NameMatch.QboKey(i.Name, i.Active));

    [Fact]
    public void Exact_TriesTheKeysInOrder()
    {
        var index = Index(("1", "General Requirements", true), ("2", "01 00 00 General Requirements", true));
        Assert.Equal("2", Assert.Single(index.Exact(NameMatch.CostCodeKeys("01 00 00", "General Requirements"))).Id);
        Assert.Equal("1", Assert.Single(index.Exact(NameMatch.CostCodeKeys("99 00 00", "general requirements"))).Id);
        Assert.Empty(index.Exact(NameMatch.CostCodeKeys("01 00 00", "Requirements")));
    }

    [Fact]
    public void Exact_FindsAnInactiveRecordUnderItsOriginalName()
    {
        var index = Index(("7", "Old Oak Builders (deleted)", false));
        Assert.Equal("7", Assert.Single(index.Exact(NameMatch.Key("old oak builders"))).Id);
    }

    [Fact]
    public void Near_ScoresCandidatesBestFirst_AndLeavesExactMatchesOut()
    {
        var index = Index(("1", "Concrete", true), ("2", "Concrete Forming", true), ("3", "Painting", true), ("4", "Cast in place concrete", true));
        var near = index.Near(["Cast-in-Place Concrete"]);
        Assert.Equal("4", near[0].Item.Id);
        Assert.Equal(1.0, near[0].Score);
        Assert.DoesNotContain(near, n => n.Item.Id == "3");
        Assert.True(near.Zip(near.Skip(1)).All(p => p.First.Score >= p.Second.Score));

        var exactToo = index.Near(["Concrete"]);
        Assert.DoesNotContain(exactToo, n => n.Item.Id == "1");
        Assert.Contains(exactToo, n => n.Item.Id == "2");
    }

    [Fact]
    public void Near_RespectsTheMinimumAndTheMaximum()
    {
        var index = Index([.. Enumerable.Range(1, 20).Select(i => ($"{i}", $"Framing crew {i}", true))]);
        Assert.Equal(5, index.Near(["Framing crew"]).Count);
        Assert.Empty(index.Near(["Framing crew"], minimum: 1.01));
    }
}
