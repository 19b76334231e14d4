using System.Collections.Concurrent;
using System.Net;

namespace Groundwork.QboEmulator.Tests.Support;

/// <summary>A captured outbound request (webhook or disconnect call).</summary>
public sealed record CapturedRequest(HttpMethod Method, Uri Url, string Body, string? Signature);

/// <summary>Stands in for the app's webhook endpoint; answers with the queued statuses, then 200.</summary>
public sealed class CapturingHandler : HttpMessageHandler
{
    public ConcurrentQueue<HttpStatusCode> Statuses { get; } = new();

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    /// <summary>The next N requests never answer (until cancelled), like an endpoint that times out.</summary>
    public int HangNext { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var signature = request.Headers.TryGetValues("intuit-signature", out var values) ? values.First() : null;
        Requests.Enqueue(new CapturedRequest(request.Method, request.RequestUri!, body, signature));
        if (HangNext > 0)
        {
            HangNext--;
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return new HttpResponseMessage(Statuses.TryDequeue(out var status) ? status : HttpStatusCode.OK);
    }
}
