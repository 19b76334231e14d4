using System.Net;
using System.Text.RegularExpressions;

namespace Groundwork.QboEmulator.Tests.Support;

/// <summary>A minimal browser over the test client: keeps cookies, reads forms' hidden fields, follows nothing by itself.</summary>
public sealed partial class BrowserSession(HttpClient client)
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> GetAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> PostFormAsync(string url, string pageHtml, Dictionary<string, string> fields)
    {
        var form = HiddenFields(pageHtml);
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, string Html, Uri? Location)> PostAsync(string url, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        return await SendAsync(request);
    }

    public static Dictionary<string, string> HiddenFields(string html) =>
        Hidden().Matches(html).GroupBy(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value));

    private async Task<(HttpStatusCode, string, Uri?)> SendAsync(HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            foreach (var cookie in set)
            {
                var pair = cookie.Split(';')[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }
        }

        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")]
    private static partial Regex Hidden();
}
