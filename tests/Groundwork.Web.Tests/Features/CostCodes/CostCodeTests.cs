using System.Net;
using Groundwork.Web.Tests.Infrastructure;

namespace Groundwork.Web.Tests.Features.CostCodes;

[Trait("Category", "Database")]
public sealed class CostCodeTests(GroundworkAppFactory app) : IClassFixture<GroundworkAppFactory>
{
    [Fact]
    public async Task CostCode_WithParent_IsListedUnderIt()
    {
        var client = await app.CreateOrganizationClientAsync();
        var parent = await client.CreateAsync("/api/v1/cost-codes", new { number = "03 00 00", name = "Concrete" });

        var child = await client.CreateAsync("/api/v1/cost-codes", new { number = "03 30 00", name = "Cast-in-Place Concrete", parentId = parent.Id() });

        Assert.Equal(parent.Id(), child.GetProperty("parentId").GetInt64());
        Assert.Equal(2, (await client.GetJsonAsync("/api/v1/cost-codes")).GetArrayLength());
    }

    [Fact]
    public async Task CostCode_OwnParentOrDuplicateNumber_IsRefused()
    {
        var client = await app.CreateOrganizationClientAsync();
        var code = await client.CreateAsync("/api/v1/cost-codes", new { number = "01 00 00", name = "General" });

        var self = await client.PutJsonAsync($"/api/v1/cost-codes/{code.Id()}", new { number = "01 00 00", name = "General", parentId = code.Id() });
        var duplicate = await client.PostJsonAsync("/api/v1/cost-codes", new { number = "01 00 00", name = "Again" });

        await self.AssertInvalidAsync("parentId");
        await duplicate.AssertInvalidAsync("number");
        Assert.Equal(1, (await client.GetJsonAsync("/api/v1/cost-codes")).GetArrayLength());
    }

    [Fact]
    public async Task CostCode_ParentCycle_IsRefused()
    {
        var client = await app.CreateOrganizationClientAsync();
        var top = await client.CreateAsync("/api/v1/cost-codes", new { number = "09 00 00", name = "Finishes" });
        var child = await client.CreateAsync("/api/v1/cost-codes", new { number = "09 29 00", name = "Gypsum Board", parentId = top.Id() });

        var cycle = await client.PutJsonAsync($"/api/v1/cost-codes/{top.Id()}", new { number = "09 00 00", name = "Finishes", parentId = child.Id(), version = top.GetProperty("version").GetInt64() });

        await cycle.AssertInvalidAsync("parentId");
        var codes = (await client.GetJsonAsync("/api/v1/cost-codes")).EnumerateArray().ToList();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, codes.Single(c => c.Id() == top.Id()).GetProperty("parentId").ValueKind);
    }

    [Fact]
    public async Task CostType_DuplicateName_IsRefusedOnName()
    {
        var client = await app.CreateOrganizationClientAsync();
        await client.CreateAsync("/api/v1/cost-types", new { name = "Labor" });

        var duplicate = await client.PostJsonAsync("/api/v1/cost-types", new { name = "Labor", taxableByDefault = true });

        await duplicate.AssertInvalidAsync("name");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/cost-types")).StatusCode);
        Assert.Equal(1, (await client.GetJsonAsync("/api/v1/cost-types")).GetArrayLength());
    }
}
