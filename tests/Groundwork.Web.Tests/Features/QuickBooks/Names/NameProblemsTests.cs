using Groundwork.Web.Features.QuickBooks.Names;

namespace Groundwork.Web.Tests.Features.QuickBooks.Names;

/// <summary>What a name QuickBooks would refuse is told: a bill's row shows the vendor, so the message names the record to rename.</summary>
public sealed class NameProblemsTests
{
    [Theory]
    [InlineData(NameKind.Customer, "Lakeside HOA: Phase 2", "QuickBooks does not allow a colon (:) in customer names: rename “Lakeside HOA: Phase 2”, e.g. to “Lakeside HOA - Phase 2”.")]
    [InlineData(NameKind.Vendor, "Acme: West", "QuickBooks does not allow a colon (:) in vendor names: rename “Acme: West”, e.g. to “Acme - West”.")]
    public void Of_ANameWithAColon_NamesTheRecordAndTheSuggestion(NameKind kind, string name, string message)
    {
        var problem = Assert.Single(NameProblems.Of(kind, name, [], []));

        Assert.Equal((NameProblems.Colon, message), (problem.Code, problem.Message));
    }
}
