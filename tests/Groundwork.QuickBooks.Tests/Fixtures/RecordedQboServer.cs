using Microsoft.AspNetCore.Http;

namespace Groundwork.QuickBooks.Tests.Fixtures;

/// <summary>Loopback QBO answering with recorded interactions chosen per request by the test.</summary>
internal static class RecordedQboServer
{
    /// <summary>Writes a recorded minimul interaction's status, intuit_tid and body.</summary>
    public static Task ReplayAsync(HttpResponse response, string file, params (string Name, string Value)[] extraHeaders)
    {
        var recorded = QboFixtureCatalog.Api("minimul-qbo_api-vcr/" + file);
        (string, string)[] headers = recorded.IntuitTid is { } tid ? [("intuit_tid", tid), .. extraHeaders] : extraHeaders;
        return LoopbackServer.WriteJsonAsync(response, recorded.Status ?? 200, recorded.Body!.ToJsonString(), headers);
    }

    /// <summary>Writes a boulevard recorded body with the given status.</summary>
    public static Task ReplayBodyAsync(HttpResponse response, int status, string file) =>
        LoopbackServer.WriteJsonAsync(response, status, QboFixtures.ReadText("boulevard-exquickbooks/" + file), ("intuit_tid", "tid-" + file));
}
