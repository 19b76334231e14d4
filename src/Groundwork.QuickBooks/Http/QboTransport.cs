using System.Net;
using System.Text.Json;
using Groundwork.QuickBooks.Wire;
using Polly.Timeout;

namespace Groundwork.QuickBooks.Http;

/// <summary>Sends a request through the resilient pipeline and turns every failure into a <see cref="QboException"/>.</summary>
internal sealed class QboTransport(HttpClient http)
{
    public const string IntuitTidHeader = "intuit_tid";

    public async Task<(QboResponse Response, string? IntuitTid)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // No answer after the pipeline's retries: the outcome of a write is unknown, the caller must look it up.
            throw new QboException(QboFault.Parse(null, null, null), null, inner: e);
        }

        using (response)
        {
            var tid = IntuitTid(response);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new QboException(QboFault.Parse(body, response.StatusCode, tid), response.StatusCode, response.Headers.RetryAfter);
            }

            var parsed = Deserialize(body, response.StatusCode, tid);
            if (parsed.Fault is { } fault)
            {
                throw new QboException(QboFault.FromBody(fault, tid), response.StatusCode);
            }

            return (parsed, tid);
        }
    }

    /// <summary>Intuit sends <c>intuit_tid</c>; recorded traffic shows it as <c>Intuit-Tid</c> too.</summary>
    public static string? IntuitTid(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var name in (string[])[IntuitTidHeader, "Intuit-Tid"])
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }

    private static QboResponse Deserialize(string body, HttpStatusCode status, string? tid)
    {
        try
        {
            return JsonSerializer.Deserialize<QboResponse>(body, QboJson.Options)
                ?? throw new JsonException("Empty body.");
        }
        catch (JsonException e)
        {
            throw new QboException(QboFault.Parse(body, status, tid) with { Message = "QuickBooks sent a body that is not QBO JSON." }, status, inner: e);
        }
    }
}
