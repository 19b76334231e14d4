using Groundwork.Web.Infrastructure;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>The one rule for every name: visible text, no control characters.</summary>
public sealed class NameRulesTests
{
    /// <summary>name → null when accepted, else the reason's start.</summary>
    public static TheoryData<string, string?> Table => new()
    {
        { "Acme Builders", null },
        { "Émile's Café & Bar", null },
        { "株式会社 山田", null },
        { "🏗️ Crane Co", null },
        { "O'Brien\u200DSons", null },
        { "Line\u0000Name", "control" },
        { "Tab\tName", "control" },
        { "New\nLine", "control" },
        { "Bell\u0007", "control" },
        { "\u007F", "control" },
        { "\u0085Next line", "control" },
        { "\u200B", "invisible" },
        { "\u200B\u200C\u200D\u2060\uFEFF", "invisible" },
        { "\u00AD", "invisible" },
        { "\u3164", "invisible" },
        { "\u2800", "invisible" },
        { " \u200B ", "invisible" },
        { "\u202E", "invisible" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void NameRules_Problem_MatchesTable(string name, string? expected)
    {
        var problem = NameRules.Problem(name, "Name");

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains(expected, problem, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("Name ", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NameRules_LoneSurrogate_IsRefused()
    {
        // Built at run time: a lone surrogate in theory data does not survive test discovery's serialization.
        var name = "Lone " + (char)0xD800 + " surrogate";

        Assert.Contains("broken", NameRules.Problem(name, "Name"), StringComparison.Ordinal);
    }
}

/// <summary>Every name the API saves passes the same rule.</summary>
[Trait("Category", "Database")]
public sealed class NameRulesApiTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Theory]
    [InlineData("Bad\u0000Name")]
    [InlineData("\u200B\u200B")]
    public async Task EveryName_ControlOrInvisible_IsRefusedAndNothingIsWritten(string name)
    {
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, customerId) = await client.CreateJobAsync();
        var vendor = await client.CreateVendorAsync();

        await (await client.PostJsonAsync("/api/v1/customers", new { name })).AssertInvalidAsync("name");
        await (await client.PostJsonAsync("/api/v1/vendors", new { name })).AssertInvalidAsync("name");
        await (await client.PostJsonAsync($"/api/v1/customers/{customerId}/locations", new { name })).AssertInvalidAsync("name");
        await (await client.PostJsonAsync("/api/v1/jobs", new { number = "J-9", name, locationId = 1 })).AssertInvalidAsync("name");
        await (await client.PostJsonAsync("/api/v1/cost-codes", new { number = "01-100", name })).AssertInvalidAsync("name");
        await (await client.PostJsonAsync("/api/v1/cost-types", new { name })).AssertInvalidAsync("name");
        await (await client.PostJsonAsync("/api/v1/invoices", new { jobId, lines = new[] { new { name, quantity = 1, unitAmount = 5m } } }))
            .AssertInvalidAsync("lines[0].name");
        await (await client.PostJsonAsync("/api/v1/bills", new { jobId, vendorId = vendor.Id(), lines = new[] { new { name, quantity = 1, unitAmount = 5m } } }))
            .AssertInvalidAsync("lines[0].name");

        Assert.Equal(1, await client.CountAsync("/api/v1/customers"));
        Assert.Equal(1, await client.CountAsync("/api/v1/vendors"));
        Assert.Equal(1, await client.CountAsync("/api/v1/jobs"));
        Assert.Empty((await client.GetJsonAsync("/api/v1/cost-codes")).EnumerateArray());
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }

    [Fact]
    public async Task FreeText_NulCharacter_IsRefusedOnItsFieldNotAServerError()
    {
        // PostgreSQL's text cannot hold NUL: without the rule the save fails with a 500 there.
        var client = await app.CreateOrganizationClientAsync();
        var (jobId, _, _) = await client.CreateJobAsync();

        var customer = await client.PostJsonAsync("/api/v1/customers", new { name = "Acme", billingAddress = new { city = "Port\u0000land" } });
        var invoice = await client.PostJsonAsync("/api/v1/invoices", new { jobId, memo = "a\u0000b", lines = new[] { new { name = "Work", quantity = 1, unitAmount = 5m } } });

        Assert.Contains(await customer.AssertInvalidAsync("billingAddress.city"), m => m.StartsWith("City ", StringComparison.Ordinal));
        await invoice.AssertInvalidAsync("memo");
        Assert.Equal(1, await client.CountAsync("/api/v1/customers"));
        Assert.Equal(0, await client.CountAsync("/api/v1/invoices"));
    }
}
