using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Groundwork.Bench.Push;

/// <summary>One company's throttle counters as the emulator reports them.</summary>
internal sealed record Counters(long Accepted, long Throttled, long BatchAccepted, long BatchThrottled)
{
    public static Counters operator -(Counters a, Counters b) =>
        new(a.Accepted - b.Accepted, a.Throttled - b.Throttled, a.BatchAccepted - b.BatchAccepted, a.BatchThrottled - b.BatchThrottled);
}

/// <summary>What QBO holds for Groundwork's documents: records carrying a Groundwork marker, and how many carry the same one.</summary>
internal sealed record MarkerCount(int Records, int Distinct, int Duplicates);

/// <summary>The QuickBooks side, through the emulator's admin API (with its key) and its Accounting API (an automation token of its own).</summary>
internal sealed partial class QboSide(string url, string adminKey) : IDisposable
{
#pragma warning disable RS0030 // A bench, not the app: a plain client.
    private readonly HttpClient http = new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
#pragma warning restore RS0030

    public async Task<string> NewCompanyAsync(string name)
    {
        var created = await AdminAsync(HttpMethod.Post, "/admin/api/companies", JsonContent.Create(new { template = "builder", name }));
        return (string)created["realmId"]!;
    }

    public async Task<Counters> CountersAsync(string realm)
    {
        using var request = Admin(HttpMethod.Get, "/admin/api/counters");
        var response = await http.SendAsync(request);
        var all = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var mine = all.FirstOrDefault(c => (string?)c!["realmId"] == realm);
        return mine is null ? new(0, 0, 0, 0) : new((long)mine["accepted"]!, (long)mine["throttled"]!, (long)mine["batchAccepted"]!, (long)mine["batchThrottled"]!);
    }

    /// <summary>Every record of <paramref name="entity"/> read in pages of 1,000 (as QBO allows), counted by Groundwork marker.</summary>
    public async Task<MarkerCount> MarkersAsync(string realm, string entity)
    {
        var token = await TokenAsync(realm);
        var markers = new List<string>();
        for (var start = 1; ; start += 1000)
        {
            var query = Uri.EscapeDataString($"select * from {entity} STARTPOSITION {start} MAXRESULTS 1000");
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/v3/company/{realm}/query?query={query}&minorversion=75");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"query {entity} answered {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
            var page = JsonNode.Parse(text)!["QueryResponse"]?[entity]?.AsArray() ?? [];
            markers.AddRange(page.Select(r => (string?)r!["PrivateNote"]).Select(n => n is null ? null : Marker().Match(n)).Where(m => m is { Success: true }).Select(m => m!.Value));
            if (page.Count < 1000) break;
        }
        var distinct = markers.Distinct(StringComparer.Ordinal).Count();
        return new MarkerCount(markers.Count, distinct, markers.Count - distinct);
    }

    public void Dispose() => http.Dispose();

    private async Task<string> TokenAsync(string realm)
    {
        using var request = Admin(HttpMethod.Post, "/admin/api/tokens");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["realmId"] = realm });
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("groundwork-dev:groundwork-dev-secret")));
        var response = await http.SendAsync(request);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
    }

    private async Task<JsonObject> AdminAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = Admin(method, path);
        request.Content = content;
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Emulator-Admin-Key", adminKey);
        return request;
    }

    [GeneratedRegex(@"\[groundwork:(invoice|bill):\d+\]", RegexOptions.CultureInvariant)]
    private static partial Regex Marker();
}

/// <summary>Percentiles of a list of timings, by nearest rank.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Ms(double value) => value.ToString("N0", CultureInfo.InvariantCulture) + " ms";
}
