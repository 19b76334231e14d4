using System.Globalization;
using System.Text.Json.Nodes;
using Groundwork.QboEmulator.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Groundwork.QboEmulator.Api;

/// <summary>An API answer before serialisation.</summary>
internal sealed record ApiOutcome(int Status, JsonObject Body)
{
    public static ApiOutcome Ok(string entity, JsonNode doc, EmulatorClock clock) =>
        new(200, new JsonObject { [entity] = doc, ["time"] = clock.ResponseTime() });

    public static ApiOutcome Fault(QboException fault, EmulatorClock clock)
    {
        var body = new JsonObject { ["Fault"] = fault.ToFault() };
        if (!fault.WithoutTime)
        {
            body["time"] = clock.ResponseTime();
        }

        return new ApiOutcome(fault.Status, body);
    }
}

/// <summary>Writes QBO JSON with its own serialisation, never touching the host's JSON options.</summary>
internal static class ApiWriter
{
    public static Task WriteAsync(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json;charset=UTF-8";
        return http.Response.WriteAsync(body);
    }

    /// <summary>The gateway's lower-case 401 body (API.md §9.1; fixture error__401), with Intuit's WWW-Authenticate.</summary>
    public static Task WriteGateway401Async(HttpContext http, EmulatorClock clock, string? detail)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"Intuit\", error=\"invalid_token\"";
        var body = new JsonObject
        {
            ["warnings"] = null, ["intuitObject"] = null,
            ["fault"] = new JsonObject
            {
                ["error"] = new JsonArray(new JsonObject
                {
                    ["message"] = "message=AuthenticationFailed; errorCode=003200; statusCode=401",
                    ["detail"] = detail, ["code"] = "3200", ["element"] = null,
                }),
                ["type"] = "AUTHENTICATION",
            },
            ["report"] = null, ["queryResponse"] = null, ["batchItemResponse"] = new JsonArray(), ["attachableResponse"] = new JsonArray(),
            ["syncErrorResponse"] = null, ["requestId"] = null, ["time"] = clock.UtcNow.ToUnixTimeMilliseconds(), ["status"] = null,
            ["cdcresponse"] = new JsonArray(),
        };
        return WriteAsync(http, 401, body.ToJsonString(Model.Json.Wire));
    }

    public static string NewTid() =>
        string.Create(CultureInfo.InvariantCulture, $"1-{Guid.NewGuid().ToString("N")[..8]}-{Guid.NewGuid().ToString("N")[..24]}");
}
