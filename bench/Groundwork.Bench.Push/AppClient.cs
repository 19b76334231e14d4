using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Groundwork.Bench.Push;

/// <summary>
/// The running Groundwork app as one owner drives it: a browser session (cookie; pages and the QuickBooks connect flow)
/// and a bearer API client that signs in again when its token runs out.
/// </summary>
internal sealed partial class AppClient(Owner owner, HttpClient browser, HttpClient api)
{
    public static async Task<AppClient> SignInAsync(string url, Owner owner)
    {
#pragma warning disable RS0030 // A bench, not the app: plain clients, each with its own cookies.
        var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        var api = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
#pragma warning restore RS0030
        var signIn = await PostFormAsync(browser, "/Account/Login", new() { ["Email"] = owner.Email, ["Password"] = owner.Password });
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in answered {(int)signIn.StatusCode}");
        var client = new AppClient(owner, browser, api);
        await client.BearerAsync();
        return client;
    }

    /// <summary>Connect → the emulator's authorize page (its own cookies, as another site) → sign in → choose the company → callback.</summary>
    public async Task ConnectAsync(string realm)
    {
        var start = await PostFormAsync(browser, "/Settings/Integrations?handler=Connect", [], "/Settings/Integrations");
        var authorize = start.Headers.Location ?? throw new InvalidOperationException($"connect answered {(int)start.StatusCode}");
#pragma warning disable RS0030 // The emulator is another site to the browser: a client with its own cookie jar.
        using var intuit = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
#pragma warning restore RS0030
        var signIn = Hidden(await intuit.GetStringAsync(authorize));
        signIn["email"] = "bookkeeper@example.com";
        signIn["password"] = "quickbooks";
        signIn["action"] = "signin";
        var signedIn = await intuit.PostAsync(authorize, new FormUrlEncodedContent(signIn));
        var choose = Hidden(await intuit.GetStringAsync(new Uri(authorize, signedIn.Headers.Location!)));
        choose["realmId"] = realm;
        choose["action"] = "connect";
        var connected = await intuit.PostAsync(authorize, new FormUrlEncodedContent(choose));
        var callback = connected.Headers.Location ?? throw new InvalidOperationException($"authorize answered {(int)connected.StatusCode}: {await connected.Content.ReadAsStringAsync()}");
        var done = await browser.GetAsync(callback);
        if (done.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"callback answered {(int)done.StatusCode}: {await done.Content.ReadAsStringAsync()}");
    }

    public async Task<JsonObject> PostAsync(string path, object body)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });
        return await ReadAsync(response, "POST", path);
    }

    public async Task<JsonObject> PutAsync(string path, object body)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) });
        return await ReadAsync(response, "PUT", path);
    }

    public async Task<JsonObject> GetAsync(string path) => await ReadAsync(await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path)), "GET", path);

    /// <summary>Wall time of one request as the client sees it, body read in full; API paths with the bearer, pages with the cookie.</summary>
    public async Task<(int Status, double Milliseconds)> TimeAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        var response = path.StartsWith("/api/", StringComparison.Ordinal)
            ? await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path))
            : await browser.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return ((int)response.StatusCode, watch.Elapsed.TotalMilliseconds);
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request)
    {
        var response = await api.SendAsync(request());
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;
        // Bearer tokens live an hour; a long seeding outlives one.
        await BearerAsync();
        return await api.SendAsync(request());
    }

    private async Task BearerAsync()
    {
        var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = owner.Email, password = owner.Password });
        var token = (string)(await ReadAsync(login, "POST", "/api/v1/auth/login"))["accessToken"]!;
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string method, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(600, text.Length)]}");
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
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
