using System.Net;
using System.Text;
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
            // Read as UTF-8 bytes and parsed from them: a batch answer is tens of kilobytes, and a string would be decoded to
            // UTF-16 only for the serializer to encode it back. Text is made only for a fault.
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new QboException(QboFault.Parse(Text(body), response.StatusCode, tid), response.StatusCode, response.Headers.RetryAfter);
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

    private static QboResponse Deserialize(byte[] body, HttpStatusCode status, string? tid)
    {
        try
        {
            return JsonSerializer.Deserialize<QboResponse>(WithoutBom(body), QboJson.Options)
                ?? throw new JsonException("Empty body.");
        }
        catch (JsonException e)
        {
            throw new QboException(QboFault.Parse(Text(body), status, tid) with { Message = "QuickBooks sent a body that is not QBO JSON." }, status, inner: e);
        }
    }

    /// <summary>The body as text (a byte order mark dropped, as reading it as a string did), or null when there is none.</summary>
    private static string? Text(byte[] body) => body.Length == 0 ? null : Encoding.UTF8.GetString(WithoutBom(body));

    private static ReadOnlySpan<byte> WithoutBom(byte[] body) => body.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? body.AsSpan(Encoding.UTF8.Preamble.Length) : body;
}
