using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Groundwork.Web.Tests.Infrastructure;

/// <summary>Small JSON helpers for API tests: the app's own enum-as-string convention.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    /// <summary>Posts and returns the created resource's JSON, failing the test with the problem body when it was refused.</summary>
    public static async Task<JsonElement> CreateAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostJsonAsync(url, body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {url} → {(int)response.StatusCode}: {json}");
        return json;
    }

    public static long Id(this JsonElement json) => json.GetProperty("id").GetInt64();

    /// <summary>A customer with a location and a job; returns the job id and location id.</summary>
    public static async Task<(long JobId, long LocationId, long CustomerId)> CreateJobAsync(this HttpClient client, string prefix = "", decimal? taxRate = null)
    {
        var customer = await client.CreateAsync("/api/v1/customers", new { name = $"{prefix}Customer {Guid.NewGuid():N}" });
        var location = await client.CreateAsync($"/api/v1/customers/{customer.Id()}/locations", new { name = "Site", taxRatePercent = taxRate });
        var job = await client.CreateAsync("/api/v1/jobs", new { number = $"J-{Guid.NewGuid():N}"[..20], name = "Build", locationId = location.Id() });
        return (job.Id(), location.Id(), customer.Id());
    }
}
