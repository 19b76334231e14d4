using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Groundwork.QboEmulator.Tests.Support;

/// <summary>A parsed API answer.</summary>
public sealed record QboAnswer(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Raw)
{
    public JsonObject Json => Body!.AsObject();

    public string? FaultCode => (string?)Body?["Fault"]?["Error"]?[0]?["code"];
}

/// <summary>Calls to <c>/v3/company/{realm}</c> with a bearer token, as any QBO client makes them.</summary>
public sealed class QboCalls(HttpClient client, string baseUrl, string accessToken)
{
    public string AccessToken { get; set; } = accessToken;

    public string BaseUrl => baseUrl;

    public Task<QboAnswer> GetAsync(string relative) => SendAsync(HttpMethod.Get, relative, null);

    public Task<QboAnswer> PostAsync(string relative, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, relative, new StringContent(body, Encoding.UTF8, contentType));

    public Task<QboAnswer> PostAsync(string relative, JsonNode body) => PostAsync(relative, body.ToJsonString());

    public Task<QboAnswer> QueryAsync(string query) => GetAsync($"query?query={Uri.EscapeDataString(query)}&minorversion=75");

    public async Task<QboAnswer> SendAsync(HttpMethod method, string relative, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, $"{baseUrl}/{relative}") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new QboAnswer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }
}
