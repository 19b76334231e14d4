using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Groundwork.Bench.Mapping;

/// <summary>The running Groundwork app as the bench drives it: a browser session (cookie) and a bearer API client.</summary>
internal sealed partial class BenchApp(string url, HttpClient browser, HttpClient api)
{
    private const string DevClient = "groundwork-dev:groundwork-dev-secret";

    public static async Task<BenchApp> SignInAsync(string url, string email, string password)
    {
#pragma warning disable RS0030 // A bench, not the app: plain clients, each with its own cookies.
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        var api = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
#pragma warning restore RS0030
        var signIn = await PostFormAsync(browser, "/Account/Login", new() { ["Email"] = email, ["Password"] = password });
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in answered {(int)signIn.StatusCode}");
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        var token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new BenchApp(url, browser, api);
    }

    public async Task<string> NewQboCompanyAsync()
    {
        var created = await api.PostAsJsonAsync($"{url}/qbo/admin/api/companies", new { template = "builder" });
        created.EnsureSuccessStatusCode();
        return (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["realmId"]!;
    }

    /// <summary>Creates the records in QBO with batch requests of 30, eight at a time.</summary>
    public async Task SeedQboAsync(string realm, string entity, IEnumerable<JsonObject> records)
    {
        using var token = new HttpRequestMessage(HttpMethod.Post, $"{url}/qbo/admin/api/tokens") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["realmId"] = realm }) };
        token.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(DevClient)));
        var access = (string)(await (await api.SendAsync(token)).Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!;
        var batches = records.Chunk(30).Select((chunk, b) => new JsonObject
        {
            ["BatchItemRequest"] = new JsonArray([.. chunk.Select((r, i) => (JsonNode)new JsonObject { ["bId"] = $"b{b}-{i}", ["operation"] = "create", [entity] = r })]),
        }).ToList();
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(batches.Select(async body =>
        {
            await gate.WaitAsync();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{url}/qbo/v3/company/{realm}/batch?minorversion=75") { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                var response = await api.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || text.Contains("\"Fault\"", StringComparison.Ordinal)) throw new InvalidOperationException($"batch failed: {(int)response.StatusCode} {text[..Math.Min(400, text.Length)]}");
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    /// <summary>Connect → the emulator's authorize page → sign in → choose the company → callback, as a browser does.</summary>
    public async Task ConnectAsync(string realm)
    {
        if ((await browser.GetStringAsync("/Settings/Integrations")).Contains("handler=Remove", StringComparison.Ordinal))
        {
            await PostFormAsync(browser, "/Settings/Integrations?handler=Remove", [], "/Settings/Integrations");
        }
        var start = await PostFormAsync(browser, "/Settings/Integrations?handler=Connect", [], "/Settings/Integrations");
        var authorize = start.Headers.Location ?? throw new InvalidOperationException($"connect answered {(int)start.StatusCode}");
        var signIn = Hidden(await browser.GetStringAsync(authorize));
        signIn["email"] = "bookkeeper@example.com";
        signIn["password"] = "quickbooks";
        signIn["action"] = "signin";
        var signedIn = await browser.PostAsync(authorize, new FormUrlEncodedContent(signIn));
        var choose = Hidden(await browser.GetStringAsync(new Uri(authorize, signedIn.Headers.Location!)));
        choose["realmId"] = realm;
        choose["action"] = "connect";
        var connected = await browser.PostAsync(authorize, new FormUrlEncodedContent(choose));
        var callback = await browser.GetAsync(new Uri(authorize, connected.Headers.Location!));
        if (callback.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"callback answered {(int)callback.StatusCode}");
    }

    public async Task PostAsync(string path, JsonObject body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<int> PostStatusAsync(string path, JsonObject body) => (int)(await api.PostAsJsonAsync(path, body)).StatusCode;

    /// <summary>API paths with the bearer token; pages with the browser's cookie. The body is read in full, as a browser would.</summary>
    public async Task<int> GetStatusAsync(string path)
    {
        var response = await (path.StartsWith("/api/", StringComparison.Ordinal) ? api : browser).GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        fields["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    private static Dictionary<string, string> Hidden(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}

/// <summary>Names that look like a builder's lists, unique per run.</summary>
internal static class Words
{
    private static readonly string[] Trades =
    [
        "Framing", "Drywall", "Concrete", "Roofing", "Plumbing", "Electrical", "Painting", "Flooring", "Masonry", "Excavation",
        "Insulation", "Siding", "Windows", "Doors", "Cabinets", "Countertops", "Tile", "Landscaping", "Paving", "Demolition",
    ];

    public static string Pick(int i) => Trades[i % Trades.Length];

    public static List<string> Names(int count, string run) =>
        [.. Enumerable.Range(0, count).Select(i => $"{Pick(i)} {Pick(i / Trades.Length)} {run}-{i:0000}")];

    public static JsonObject Address() => new() { ["line1"] = "1 Main St", ["city"] = "Portland", ["region"] = "OR", ["postalCode"] = "97201" };
}
