using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace Groundwork.QuickBooks.Http;

/// <summary>Builds QBO API requests: company path, <c>minorversion</c> always, <c>requestid</c> on writes, bearer token.</summary>
internal sealed class QboRequestFactory(Uri apiBaseUrl, int minorVersion)
{
    /// <summary>QBO's limit for a non-batch requestid.</summary>
    public const int MaxRequestIdLength = 50;

    /// <summary>QBO's limit for a batch requestid.</summary>
    public const int MaxBatchRequestIdLength = 36;

    private readonly string _base = apiBaseUrl.AbsoluteUri.TrimEnd('/');

    public HttpRequestMessage Get(QboCompanyContext company, string path, params (string Name, string Value)[] query) =>
        Create(HttpMethod.Get, company, path, query, content: null);

    /// <summary>A write. The caller's <paramref name="requestId"/> makes QBO replay instead of repeat a resent request.</summary>
    public HttpRequestMessage Post(
        QboCompanyContext company, string path, string requestId, HttpContent content, params (string Name, string Value)[] query) =>
        Create(HttpMethod.Post, company, path, [.. query, ("requestid", CheckRequestId(requestId, MaxRequestIdLength))], content);

    /// <summary>The batch write, whose requestid QBO limits to 36 characters.</summary>
    public HttpRequestMessage PostBatch(QboCompanyContext company, string requestId, HttpContent content) =>
        Create(HttpMethod.Post, company, "batch", [("requestid", CheckRequestId(requestId, MaxBatchRequestIdLength))], content);

    public static string CheckRequestId(string requestId, int maxLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        return requestId.Length <= maxLength
            ? requestId
            : throw new ArgumentException($"QBO accepts a requestid of at most {maxLength} characters.", nameof(requestId));
    }

    public static HttpContent Json<T>(T body) => JsonContent.Create(body, options: QboJson.Options);

    public static string Segment(string entityName) => entityName.ToLowerInvariant();

    private HttpRequestMessage Create(
        HttpMethod method, QboCompanyContext company, string path, (string Name, string Value)[] query, HttpContent? content)
    {
        ArgumentNullException.ThrowIfNull(company);
        ArgumentException.ThrowIfNullOrWhiteSpace(company.RealmId);
        var url = new StringBuilder(_base)
            .Append("/v3/company/").Append(Uri.EscapeDataString(company.RealmId)).Append('/').Append(path)
            .Append(CultureInfo.InvariantCulture, $"?minorversion={minorVersion}");
        foreach (var (name, value) in query)
        {
            url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        var request = new HttpRequestMessage(method, new Uri(url.ToString())) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", company.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }
}
