using System.Net;
using System.Text.Json;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Assertions on problem-details answers: the status, the media type, and for validation the failing fields.</summary>
public static class Problems
{
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var json = await response.ReadJsonAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {json}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }

    /// <summary>Asserts a 400 validation problem whose errors name <paramref name="field"/>; returns that field's messages.</summary>
    public static async Task<string[]> AssertInvalidAsync(this HttpResponseMessage response, string field)
    {
        var json = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(json.TryGetProperty("errors", out var errors), $"No errors in {json}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"Expected an error on '{field}' in {errors}");
        var list = messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
        Assert.NotEmpty(list);
        return list;
    }

    public static async Task<int> CountAsync(this HttpClient client, string listUrl) =>
        (await client.GetJsonAsync(listUrl)).GetProperty("total").GetInt32();
}
