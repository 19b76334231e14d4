using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Groundwork.Bench.Status;

/// <summary>
/// The bookkeeper's side for the status bench: customer payments made through the emulator's Accounting API (an automation
/// token of its own, as any other app of the company), and the emulator's admin API to send or drop the app's webhooks.
/// </summary>
internal sealed class QboCompany(string url, string adminKey) : IDisposable
{
    public const string ClientId = "groundwork-dev";

#pragma warning disable RS0030 // A bench, not the app: a plain client.
    private readonly HttpClient http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
#pragma warning restore RS0030
    private readonly Dictionary<string, string> tokens = [];

    /// <summary>The invoice's customer, as a payment on it must name it.</summary>
    public async Task<string> CustomerOfAsync(string realm, string invoiceId)
    {
        var invoice = await ApiAsync(realm, HttpMethod.Get, $"invoice/{invoiceId}", null);
        return (string)invoice["Invoice"]!["CustomerRef"]!["value"]!;
    }

    /// <summary>A customer payment applied to one invoice — the change whose way back to Groundwork is timed.</summary>
    public async Task ReceivePaymentAsync(string realm, string customerId, string invoiceId, decimal amount) =>
        await ApiAsync(realm, HttpMethod.Post, "payment", new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = customerId }, ["TotalAmt"] = amount,
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = amount, ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = invoiceId, ["TxnType"] = "Invoice" }),
            }),
        });

    /// <summary>Points the app's webhooks at <paramref name="webhookUrl"/>, or drops them all (null), through the emulator's admin API.</summary>
    public async Task SetWebhookUrlAsync(string? webhookUrl)
    {
        using var get = Admin(HttpMethod.Get, "/admin/api/apps");
        var apps = JsonNode.Parse(await (await http.SendAsync(get)).Content.ReadAsStringAsync())!.AsArray();
        var app = apps.Single(a => (string?)a!["clientId"] == ClientId)!.AsObject().DeepClone().AsObject();
        app["webhookUrl"] = webhookUrl;
        using var put = Admin(HttpMethod.Put, $"/admin/api/apps/{ClientId}");
        put.Content = JsonContent.Create(app);
        var response = await http.SendAsync(put);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"PUT apps answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonObject> ApiAsync(string realm, HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, $"/v3/company/{realm}/{path}?minorversion=75");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(realm));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<string> TokenAsync(string realm)
    {
        lock (tokens)
        {
            if (tokens.TryGetValue(realm, out var known)) return known;
        }
        using var request = Admin(HttpMethod.Post, "/admin/api/tokens");
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["realmId"] = realm });
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:groundwork-dev-secret")));
        var response = await http.SendAsync(request);
        var token = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        lock (tokens) tokens[realm] = token;
        return token;
    }

    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Emulator-Admin-Key", adminKey);
        return request;
    }
}
