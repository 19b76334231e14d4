using System.Net;
using System.Text.Json;
using Groundwork.Web.Tests.Infrastructure;
using static Groundwork.Web.Tests.Features.QuickBooks.Mappings.MappingTestData;

namespace Groundwork.Web.Tests.Features.QuickBooks.Mappings;

/// <summary>Autofill maps exact names only, reports them and can be undone; near and ambiguous matches stay suggestions.</summary>
[Trait("Category", "Database")]
public sealed class CostCodeAutofillTests(QboAppFactory app) : IClassFixture<QboAppFactory>
{
    private static IEnumerable<JsonElement> Array(JsonElement json, string property) => json.GetProperty(property).EnumerateArray();

    private static JsonElement For(JsonElement json, string property, long costCodeId) =>
        Array(json, property).Single(r => r.GetProperty("costCodeId").GetInt64() == costCodeId);

    [Fact]
    public async Task Autofill_MapsSameNames_IgnoringCaseAndSpaces_ByNumberAndNameOrNameAlone()
    {
        var owner = await app.OwnerAsync(Service("01 00 00 General Requirements"));
        var general = await owner.Api.CostCodeAsync("01 00 00", "General Requirements");
        var labor = await owner.Api.CostCodeAsync("02 00 00", "labor");
        var rental = await owner.Api.CostCodeAsync("03 00 00", "EQUIPMENT   rental");
        var landscaping = await owner.Api.CostCodeAsync("32 90 00", "Landscaping");
        var items = await owner.Api.ItemIdsAsync();

        var run = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/autofill", new { })).ReadJsonAsync();

        Assert.True(Guid.TryParse(run.Str("batchId"), out _));
        Assert.Equal(3, Array(run, "mapped").Count());
        Assert.Equal(items["01 00 00 General Requirements"], For(run, "mapped", general).Str("qboItemId"));
        Assert.Equal(items["Labor"], For(run, "mapped", labor).Str("qboItemId"));
        Assert.Equal(items["Equipment Rental"], For(run, "mapped", rental).Str("qboItemId"));
        var row = await owner.Api.RowAsync(rental);
        Assert.Equal("autofill", row.Str("source"));
        Assert.Equal("Equipment Rental", row.Str("qboItemName"));
        Assert.Equal("active", row.Str("state"));
        var unmatched = await owner.Api.RowAsync(landscaping);
        Assert.Null(unmatched.Str("qboItemId"));
        Assert.Null(unmatched.Str("source")); // no default item yet

        // A second run finds nothing left to map: mapped cost codes are never touched again.
        var again = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/autofill", new { })).ReadJsonAsync();
        Assert.Empty(Array(again, "mapped"));
        Assert.Null(again.Str("batchId"));
    }

    [Fact]
    public async Task Autofill_NearMatches_AreSuggestionsWithAScore_NeverApplied()
    {
        var owner = await app.OwnerAsync();
        var concret = await owner.Api.CostCodeAsync("03 30 00", "Concrete Work");
        var items = await owner.Api.ItemIdsAsync();

        var run = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/autofill", new { })).ReadJsonAsync();

        Assert.Empty(Array(run, "mapped"));
        var suggestion = For(run, "suggestions", concret);
        Assert.False(suggestion.GetProperty("ambiguous").GetBoolean());
        var best = Array(suggestion, "candidates").First();
        Assert.Equal(items["Concrete"], best.Str("qboItemId"));
        Assert.InRange(best.GetProperty("score").GetDouble(), 0.6, 0.99);
        Assert.Null((await owner.Api.RowAsync(concret)).Str("qboItemId"));
        var listed = await owner.Api.GetJsonAsync(CostCodesUrl + "/suggestions");
        Assert.Equal(items["Concrete"], Array(For(listed, "suggestions", concret), "candidates").First().Str("qboItemId"));
    }

    [Fact]
    public async Task Autofill_TwoItemsWithTheSameName_IsASuggestion_NotAGuess()
    {
        var owner = await app.OwnerAsync(Service("Finishes"));
        var labor = (await owner.Api.ItemIdsAsync())["Labor"];
        await owner.Qbo.CreateAsync(Service("Finishes", parentId: labor)); // a sub-item: QBO allows the name again under another parent
        var finishes = await owner.Api.CostCodeAsync("09 00 00", "Finishes");
        await owner.Api.ItemIdsAsync(refresh: true);

        var run = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/autofill", new { })).ReadJsonAsync();

        Assert.Empty(Array(run, "mapped"));
        var suggestion = For(run, "suggestions", finishes);
        Assert.True(suggestion.GetProperty("ambiguous").GetBoolean());
        Assert.Equal(2, Array(suggestion, "candidates").Count());
        var accepted = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { costCodeIds = new[] { finishes } })).ReadJsonAsync();
        Assert.Empty(Array(accepted, "mapped"));
        Assert.Contains("choose one", For(accepted, "skipped", finishes).Str("reason"));
        Assert.Null((await owner.Api.RowAsync(finishes)).Str("qboItemId"));
    }

    [Fact]
    public async Task Undo_UnmapsWhatTheRunStillHolds_KeepsLaterManualChanges()
    {
        var owner = await app.OwnerAsync();
        var labor = await owner.Api.CostCodeAsync("01", "Labor");
        var materials = await owner.Api.CostCodeAsync("02", "Materials");
        var items = await owner.Api.ItemIdsAsync();
        var run = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/autofill", new { })).ReadJsonAsync();
        var batch = run.Str("batchId")!;
        Assert.Equal(HttpStatusCode.OK, (await owner.Api.PutJsonAsync($"{CostCodesUrl}/{materials}", new { qboItemId = items["Services"] })).StatusCode);

        var undo = await owner.Api.DeleteAsync($"{CostCodesUrl}/autofill/{batch}");

        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.Equal(1, (await undo.ReadJsonAsync()).GetProperty("unmapped").GetInt32());
        Assert.Null((await owner.Api.RowAsync(labor)).Str("qboItemId"));
        var kept = await owner.Api.RowAsync(materials);
        Assert.Equal(items["Services"], kept.Str("qboItemId"));
        Assert.Equal("manual", kept.Str("source"));
        await (await owner.Api.DeleteAsync($"{CostCodesUrl}/autofill/{batch}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Api.DeleteAsync($"{CostCodesUrl}/autofill/not-a-batch")).AssertInvalidAsync("batchId");
    }

    [Fact]
    public async Task Suggestions_AcceptOne_ThenAll()
    {
        var owner = await app.OwnerAsync();
        var concret = await owner.Api.CostCodeAsync("03", "Concrete Work");
        var materal = await owner.Api.CostCodeAsync("04", "Materials Supply");
        var subs = await owner.Api.CostCodeAsync("05", "Subcontractor Fees");
        var items = await owner.Api.ItemIdsAsync();
        var before = await owner.Api.GetJsonAsync(CostCodesUrl + "/suggestions");
        Assert.Equal(3, before.GetProperty("total").GetInt32());

        var one = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { costCodeIds = new[] { concret } })).ReadJsonAsync();
        Assert.Equal(items["Concrete"], Assert.Single(Array(one, "mapped")).Str("qboItemId"));
        Assert.Null((await owner.Api.RowAsync(materal)).Str("qboItemId"));

        var all = await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { all = true })).ReadJsonAsync();
        Assert.Equal(2, Array(all, "mapped").Count());
        Assert.Equal(items["Materials"], (await owner.Api.RowAsync(materal)).Str("qboItemId"));
        Assert.Equal(items["Subcontractor"], (await owner.Api.RowAsync(subs)).Str("qboItemId"));
        Assert.Equal("manual", (await owner.Api.RowAsync(subs)).Str("source"));
        Assert.Equal(0, (await owner.Api.GetJsonAsync(CostCodesUrl + "/suggestions")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Accept_BadInputs_AreProblems()
    {
        var owner = await app.OwnerAsync();
        await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { })).AssertInvalidAsync("costCodeIds");
        await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { costCodeIds = new[] { 1L }, all = true })).AssertInvalidAsync("costCodeIds");
        await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { costCodeIds = new[] { -1L } })).AssertInvalidAsync("costCodeIds");
        await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { costCodeIds = Enumerable.Range(1, 2001).ToArray() })).AssertInvalidAsync("costCodeIds");
        await (await owner.Api.PostJsonAsync(CostCodesUrl + "/suggestions/accept", new { costCodeIds = "nope" })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
